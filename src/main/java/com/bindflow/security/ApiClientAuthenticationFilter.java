package com.bindflow.security;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.ProblemResponses;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for the domain API ({@code /api}) and, in the sandbox, the sandbox endpoints ({@code /sandbox}): the
 * client id and secret are checked against the configured {@link ApiClients} (not Camunda's users, so no lockout), and
 * the client must be a member of the filter's group ({@value BindflowGroups#API_CLIENTS} for {@code /api},
 * {@value BindflowGroups#SANDBOX} for {@code /sandbox}). Missing or wrong credentials: 401 with
 * {@code WWW-Authenticate}; a client outside the group: 403; both as {@code application/problem+json}. On success the
 * request carries the client's id as {@link HttpServletRequest#getUserPrincipal()} and
 * {@link HttpServletRequest#getRemoteUser()}, and its groups as roles.
 *
 * <p>Wrong credentials count against their source ({@link WrongCredentialThrottle}): past the limit a wrong secret is
 * answered 429 with {@code Retry-After}, while the right secret keeps working from any source, that one included.
 *
 * <p>No Camunda authentication is set for the request: the domain services call the engine's Java API as the system.
 *
 * <p>Paths of {@code bindflow.security.open-api-paths} pass unauthenticated, but only when the raw request URI is
 * the plain form of the path (no encoded characters, path parameters or dot segments), so that no spelling of a
 * protected path can pass as an open one.
 */
public class ApiClientAuthenticationFilter extends OncePerRequestFilter {

    public static final String REALM = "bindflow";
    static final String WWW_AUTHENTICATE_VALUE = "Basic realm=\"" + REALM + "\"";

    private static final Logger log = LoggerFactory.getLogger(ApiClientAuthenticationFilter.class);

    private final ApiClients clients;
    private final WrongCredentialThrottle throttle;
    private final Supplier<ObjectMapper> objectMapper;
    private final List<String> openPaths;
    private final String requiredGroup;
    private final AntPathMatcher matcher = new AntPathMatcher();

    /**
     * The object mapper is looked up at the first request: a filter is created with the web server, before the other
     * beans.
     */
    public ApiClientAuthenticationFilter(ApiClients clients, WrongCredentialThrottle throttle,
                                         Supplier<ObjectMapper> objectMapper, List<String> openPaths, String requiredGroup) {
        this.clients = clients;
        this.throttle = throttle;
        this.objectMapper = objectMapper;
        this.openPaths = List.copyOf(openPaths);
        this.requiredGroup = requiredGroup;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (openPaths.isEmpty()) {
            return false;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        if (!raw.equals(path)) {
            return false;
        }
        return openPaths.stream().anyMatch(open -> matcher.match(open, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] credentials = basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (credentials == null) {
            unauthenticated(request, response, "This API requires HTTP Basic authentication as an API client.");
            return;
        }
        Optional<ApiClients.Client> client = clients.verify(credentials[0], credentials[1]);
        if (client.isEmpty()) {
            Optional<Duration> wait = throttle.wrong(request.getRemoteAddr());
            if (wait.isPresent()) {
                problem(request, response, new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_WRONG_CREDENTIALS",
                        "Too many wrong credentials from this address; retry later.")
                        .with("retryAfterSeconds", WrongCredentialThrottle.seconds(wait.get())));
                return;
            }
            unauthenticated(request, response, "The credentials are not valid.");
            return;
        }
        ApiClients.Client known = client.get();
        if (!known.groups().contains(requiredGroup)) {
            log.info("client {} is not in group {}: refused {} {}", known.id(), requiredGroup, request.getMethod(),
                    request.getRequestURI());
            problem(request, response, new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN",
                    "The client " + known.id() + " is not a member of " + requiredGroup + "."));
            return;
        }
        chain.doFilter(new AuthenticatedClientRequest(request, known.id(), known.groups()), response);
    }

    /** {@code [userId, password]}, or null when the header is missing or not valid HTTP Basic. */
    static String[] basicCredentials(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private void unauthenticated(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, WWW_AUTHENTICATE_VALUE);
        problem(request, response, new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", detail));
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, ApiProblem problem) throws IOException {
        ProblemResponses.write(request, response, problem, objectMapper.get());
    }

    /**
     * The request as seen by the controllers: authenticated as the API client (or, behind the staff login of
     * {@link StaffAuthenticationFilter}, as the Camunda user), its groups as roles.
     */
    static final class AuthenticatedClientRequest extends HttpServletRequestWrapper {

        private final String userId;
        private final Set<String> groups;
        private final Principal principal;

        AuthenticatedClientRequest(HttpServletRequest request, String userId, Set<String> groups) {
            super(request);
            this.userId = userId;
            this.groups = groups;
            this.principal = new ApiClientPrincipal(userId);
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return userId;
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.BASIC_AUTH;
        }

        /** Roles are the client's Camunda groups. */
        @Override
        public boolean isUserInRole(String role) {
            return groups.contains(role);
        }
    }

    /** The authenticated API client; its name is the Camunda user id. */
    public record ApiClientPrincipal(String name) implements Principal {

        @Override
        public String getName() {
            return name;
        }
    }
}
