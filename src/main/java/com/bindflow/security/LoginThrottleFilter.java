package com.bindflow.security;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.ProblemResponses;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-source throttle ({@link WrongCredentialThrottle}) in front of the entrances where Camunda checks a user's
 * password: HTTP Basic on the engine REST API and the webapps' login form. A login attempt from a source that has sent
 * too many wrong credentials in the current window is answered 429 with {@code Retry-After} without reaching Camunda;
 * an attempt answered 401 counts as wrong. Staff keep Camunda's own lockout besides; administrators have only this
 * ({@link AdminLockoutExemption}), so a stranger is slowed down at his own address and cannot lock them out.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

    private final WrongCredentialThrottle throttle;
    private final Predicate<HttpServletRequest> loginAttempt;
    private final Supplier<ObjectMapper> objectMapper;

    public LoginThrottleFilter(WrongCredentialThrottle throttle, Predicate<HttpServletRequest> loginAttempt,
                               Supplier<ObjectMapper> objectMapper) {
        this.throttle = throttle;
        this.loginAttempt = loginAttempt;
        this.objectMapper = objectMapper;
    }

    /** HTTP Basic (the engine REST API): a request that carries an Authorization header. */
    public static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    /** The webapps' login form: {@code POST …/auth/user/{engine}/login/{app}}. */
    public static boolean isWebappLogin(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return "POST".equalsIgnoreCase(request.getMethod()) && path.contains("/login/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!loginAttempt.test(request)) {
            chain.doFilter(request, response);
            return;
        }
        String source = request.getRemoteAddr();
        Optional<Duration> wait = throttle.blocked(source);
        if (wait.isPresent()) {
            ProblemResponses.write(request, response, new ApiProblem(HttpStatus.TOO_MANY_REQUESTS,
                    "TOO_MANY_WRONG_CREDENTIALS", "Too many wrong credentials from this address; retry later.")
                    .with("retryAfterSeconds", WrongCredentialThrottle.seconds(wait.get())), objectMapper.get());
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            throttle.wrong(source);
        }
    }
}
