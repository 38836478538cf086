package cn.mediation.app.security;

import cn.mediation.core.access.Caller;
import cn.mediation.core.access.OutOfJurisdiction;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Hands every controller method that asks for a {@link Caller} the logged-in user: the only way the modules learn
 * who acts (the actor stored with each event) and how far their area reaches.
 */
@Configuration(proxyBeanMethods = false)
public class CallerArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    static {
        // not a request parameter: keep it out of the published API description
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Account account) {
            return account.caller();
        }
        // the path rules let no anonymous request reach a handler that needs a caller; refuse if one ever does
        throw new OutOfJurisdiction(null);
    }
}
