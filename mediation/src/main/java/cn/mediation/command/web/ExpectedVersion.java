package cn.mediation.command.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The version a client expects a dispute to be at, from its {@code If-Match} header ({@code 3} or {@code "3"}),
 * parsed once per request; {@code value} is null when the header is absent. A controller method takes it as an
 * argument; a malformed header is refused before the method runs.
 */
public record ExpectedVersion(Long value) {

    /** Resolves {@link ExpectedVersion} arguments from the request's {@code If-Match}. */
    public static final class Arguments implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == ExpectedVersion.class;
        }

        @Override
        public ExpectedVersion resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                               NativeWebRequest request, WebDataBinderFactory binders) {
            return new ExpectedVersion(Preconditions.expectedVersion(request.getHeader("If-Match")));
        }
    }
}
