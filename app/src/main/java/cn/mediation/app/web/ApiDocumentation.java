package cn.mediation.app.web;

import cn.mediation.app.MediationApplication;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title, version and description ({@code /v3/api-docs}, the Swagger UI). */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static {
        // supplied by the application (the login, the If-Match header), not parameters a client sends as such
        org.springdoc.core.utils.SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(cn.mediation.core.access.Caller.class,
                                           cn.mediation.command.web.ExpectedVersion.class);
    }

    /** A step that takes an {@code ExpectedVersion} documents the {@code If-Match} header it comes from. */
    @Bean
    public org.springdoc.core.customizers.OperationCustomizer ifMatchHeader() {
        return (operation, handler) -> {
            boolean versioned = java.util.Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.getParameterType() == cn.mediation.command.web.ExpectedVersion.class);
            if (versioned) {
                operation.addParametersItem(new io.swagger.v3.oas.models.parameters.HeaderParameter()
                        .name("If-Match").required(false)
                        .description("the dispute's version the step was decided on (its ETag); a newer one gives 412")
                        .schema(new io.swagger.v3.oas.models.media.StringSchema()));
            }
            return operation;
        };
    }

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
