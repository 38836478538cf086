package cn.mediation.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login that failed because the user store could not be read is not a wrong password: the API answers
 * {@code 503} with {@code Retry-After}, not {@code 401} (which would tell the client its credentials are bad).
 */
class ProblemResponsesTest {

    @Test
    void aLoginThatCouldNotReadTheUserStoreIsUnavailableNotUnauthorised() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/disputes");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ProblemResponses(new ObjectMapper()).commence(request, response, new InternalAuthenticationServiceException(
                "cannot read users", new MongoTimeoutException("Timed out waiting for a server")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("WWW-Authenticate")).isNull();
    }

    @Test
    void theLoginFormSaysTheDatabaseIsOutOfReachRatherThanThatThePasswordIsWrong() throws Exception {
        MockHttpServletResponse unavailable = new MockHttpServletResponse();
        new ProblemResponses(new ObjectMapper()).loginFailure().onAuthenticationFailure(
                new MockHttpServletRequest("POST", "/login"), unavailable, new InternalAuthenticationServiceException(
                        "cannot read users", new MongoTimeoutException("Timed out waiting for a server")));
        assertThat(unavailable.getRedirectedUrl()).isEqualTo("/login?unavailable");
        MockHttpServletResponse wrong = new MockHttpServletResponse();
        new ProblemResponses(new ObjectMapper()).loginFailure().onAuthenticationFailure(
                new MockHttpServletRequest("POST", "/login"), wrong,
                new org.springframework.security.authentication.BadCredentialsException("wrong"));
        assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
    }
}
