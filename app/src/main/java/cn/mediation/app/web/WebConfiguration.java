package cn.mediation.app.web;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.Locale;

/**
 * Pages speak Chinese unless the user picks English ({@code ?lang=en}, remembered in a cookie for a year); any other
 * {@code lang}, or a cookie that is not one of the two, reads as Chinese.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("lang");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        // a cookie that is not a language (edited, or left by an old version) reads as the default, never a 500
        resolver.setRejectInvalidCookies(false);
        return resolver;
    }

    /**
     * Requests Tomcat refuses before the application sees them are answered as problems too (see
     * {@link ProblemErrorReportValve}); added after Spring Boot's own error valve, so it reports first.
     */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(
                context -> context.getParent().getPipeline().addValve(new ProblemErrorReportValve()));
    }

    /** Bodies larger than this are refused with 413 before they are read (see {@link RequestSizeLimit}). */
    @Bean
    public FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
            WebSettings settings) {
        long maxBodyBytes = settings.maxBodyBytes();
        long maxImportBytes = settings.maxImportBytes();
        // the event log's import is the one request that legitimately carries a large body (streamed to a file)
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(maxBodyBytes, java.util.Map.of("/api/admin/events/import", maxImportBytes)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch());
    }

    /** {@code ?lang=}: English or Chinese; anything else is the default (Chinese), and nothing of it is logged. */
    static final class LanguageSwitch extends LocaleChangeInterceptor {

        LanguageSwitch() {
            setParamName("lang");
            setIgnoreInvalidLocale(true);
        }

        @Override
        protected Locale parseLocaleValue(String value) {
            if (value == null) {
                return null;
            }
            String language = value.strip().toLowerCase(Locale.ROOT);
            if (language.equals("en") || language.startsWith("en-") || language.startsWith("en_")) {
                return Locale.ENGLISH;
            }
            return Locale.SIMPLIFIED_CHINESE;
        }
    }
}
