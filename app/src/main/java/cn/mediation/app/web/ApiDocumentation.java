package cn.mediation.app.web;

import cn.mediation.app.MediationApplication;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title, version and description ({@code /v3/api-docs}, the Swagger UI). */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    @Bean
    public OpenAPI mediationApi() {
        String version = MediationApplication.class.getPackage().getImplementationVersion();
        return new OpenAPI().info(new Info()
                .title("人民调解 tracking API")
                .version(version == null ? "development" : version)
                .description("Disputes and their steps (register, screen, mediate, resolve or fail, escalate, fulfil, "
                             + "follow up, close) as commands stored as events; case lists, statistics over the four "
                             + "levels city–county–town–village, and auditors' histories read from projections. "
                             + "HTTP Basic or the login page's session; errors are RFC 9457 problem details."));
    }
}
