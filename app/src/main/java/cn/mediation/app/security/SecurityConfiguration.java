package cn.mediation.app.security;

import cn.mediation.app.storage.MongoConnection;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Clock;

/**
 * Who may call what. The API takes HTTP Basic (stateless, no session) or the session of the login page; the web
 * pages take the login page. Roles are checked here per path; the region scope is checked by the handlers on the
 * records they touch (they receive the {@link cn.mediation.core.access.Caller}). CSRF tokens guard every
 * session-authenticated change (forms and the pages' own API calls, which send the {@code XSRF-TOKEN} cookie's value
 * back as {@code X-XSRF-TOKEN}); a request carrying its own Basic credentials cannot be forged by another site's
 * page and needs none.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    private static final String MEDIATOR = "MEDIATOR";
    private static final String ANALYST = "ANALYST";
    private static final String AUDITOR = "AUDITOR";
    private static final String ADMIN = "ADMIN";

    /**
     * BCrypt at strength {@code mediation.security.bcrypt-strength} (10 by default); tests lower it to keep thousands
     * of logins quick.
     */
    @Bean
    public PasswordEncoder passwordEncoder(SecuritySettings settings) {
        return new BCryptPasswordEncoder(settings.bcryptStrength());
    }

    @Bean
    public Accounts accounts(MongoDatabase database, MongoConnection connection, Clock clock) {
        return new Accounts(database, connection::commit, clock);
    }

    @Bean
    public LoginThrottle loginThrottle(Accounts accounts, PasswordEncoder passwordEncoder, Clock clock,
                                       MongoDatabase database, SecuritySettings settings) {
        SecuritySettings.Login login = settings.login();
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(passwordEncoder);
        return new LoginThrottle(new RecentLogins(passwords, name -> accounts.find(name).orElse(null),
                                                  login.remember(), clock),
                                 new MongoLoginCounts(database, login.lock(), login.maxDelay()), login.maxFailures(),
                                 login.maxAddressFailures(), login.lock(), login.firstDelay(), login.maxDelay(), clock);
    }

    @Bean
    public AuthenticationManager authenticationManager(LoginThrottle throttle) {
        return new ProviderManager(throttle);
    }

    /** The firewall's refusals as problems (Spring Security picks up this bean for its filter chain proxy). */
    @Bean
    public org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return new ProblemResponses(json).rejected();
    }

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                                   ObjectMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        RequestMatcher basicCredentials = request -> {
            String header = request.getHeader("Authorization");
            return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        };
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        http.authenticationManager(authenticationManager)
            .authorizeHttpRequests(paths -> paths
                    .requestMatchers("/login", "/error", "/css/**", "/js/**", "/webjars/**", "/favicon.ico",
                                     "/sw.js", "/manifest.webmanifest", "/icons/**",
                                     "/actuator/health", "/actuator/health/**").permitAll()
                    .requestMatchers(HttpMethod.DELETE, "/api/disputes/*/personal-data").hasRole(ADMIN)
                    .requestMatchers(HttpMethod.POST, "/api/disputes", "/api/disputes/**", "/api/sweeps")
                        .hasRole(MEDIATOR)
                    .requestMatchers(HttpMethod.POST, "/api/committees", "/api/committees/**").hasRole(ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/disputes/*/history").hasRole(AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/api/disputes/*/file").hasAnyRole(MEDIATOR, ANALYST, AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/api/disputes", "/api/disputes/*", "/api/sweeps")
                        .hasAnyRole(MEDIATOR, ANALYST, AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/api/statistics", "/api/statistics/**")
                        .hasAnyRole(ANALYST, AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/api/admin/projections/verify", "/api/admin/projections/verify/progress",
                                     "/api/admin/audit/**")
                        .hasAnyRole(AUDITOR, ADMIN)
                    .requestMatchers("/api/admin/**", "/actuator/prometheus").hasRole(ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/regions", "/api/regions/*", "/api/fields",
                                     "/api/committees").authenticated()
                    .requestMatchers("/api/**").denyAll()
                    .anyRequest().authenticated())
            .httpBasic(basic -> basic.realmName("mediation").authenticationEntryPoint(problems))
            .formLogin(form -> form.loginPage("/login").permitAll()
                                   .failureHandler(problems.loginFailure()))
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(problems)
                                               .accessDeniedHandler(problems))
            .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                              .csrfTokenRequestHandler(csrfHandler)
                              .ignoringRequestMatchers(basicCredentials))
            .headers(headers -> headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(
                            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                    + "script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
                                    + "form-action 'self'; base-uri 'self'"))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                    .frameOptions(frame -> frame.deny()));
        return http.build();
    }
}
