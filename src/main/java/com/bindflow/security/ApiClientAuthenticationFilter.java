package com.bindflow.security;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.RequestHash;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for the domain API: the password is checked by Camunda's identity service and the user must be a member
 * of {@value BindflowGroups#API_CLIENTS}. Missing or wrong credentials: 401 with {@code WWW-Authenticate}; a valid
 * user who is not an API client: 403; both as {@code application/problem+json}. On success the request carries the
 * client's user id as {@link HttpServletRequest#getUserPrincipal()} and {@link HttpServletRequest#getRemoteUser()}.
 *
 * <p>No Camunda authentication is set for the request: the domain services call the engine's Java API as the system.
 *
 * <p>A successful check is remembered for {@code bindflow.security.api-client-verified-for} (default 10 s) under the
 * user id and a SHA-256 digest of the password (never the password): the next requests of that client skip the three
 * identity queries. A changed password, a removed user or group membership takes effect within that time; a wrong
 * password is never remembered (each one counts towards Camunda's login lockout). {@code PT0S} turns it off.
 *
 * <p>Paths of {@code bindflow.security.open-api-paths} pass unauthenticated, but only when the raw request URI is
 * the plain form of the path (no encoded characters, path parameters or dot segments), so that no spelling of a
 * protected path can pass as an open one.
 */
public class ApiClientAuthenticationFilter extends OncePerRequestFilter {

    public static final String REALM = "bindflow";
    static final String WWW_AUTHENTICATE_VALUE = "Basic realm=\"" + REALM + "\"";

    private static final Logger log = LoggerFactory.getLogger(ApiClientAuthenticationFilter.class);

    private final Supplier<IdentityService> identityService;
    private final Supplier<ObjectMapper> objectMapper;
    private final List<String> openPaths;
    private final AntPathMatcher matcher = new AntPathMatcher();
    private final long verifiedForNanos;
    private final LongSupplier ticker;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /** A client whose credentials were checked; {@code checkedAt} is a cache age (the ticker), not business time. */
    private record Verified(String userId, Set<String> groups, long checkedAt) {
    }

    private static final int MAX_VERIFIED = 1000;

    /**
     * The identity service and the object mapper are looked up at the first request: a filter is created with the web
     * server, before the other beans, and must not pull the process engine (or the database) ahead of their time.
     */
    public ApiClientAuthenticationFilter(Supplier<IdentityService> identityService, Supplier<ObjectMapper> objectMapper,
                                         List<String> openPaths, Duration verifiedFor) {
        this(identityService, objectMapper, openPaths, verifiedFor, System::nanoTime);
    }

    /** {@code ticker}: the clock of the remembered checks' age (nanoseconds, as System.nanoTime). */
    ApiClientAuthenticationFilter(Supplier<IdentityService> identityService, Supplier<ObjectMapper> objectMapper,
                                  List<String> openPaths, Duration verifiedFor, LongSupplier ticker) {
        this.ticker = ticker;
        this.identityService = identityService;
        this.objectMapper = objectMapper;
        this.openPaths = List.copyOf(openPaths);
        this.verifiedForNanos = verifiedFor.toNanos();
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
        String cacheKey = credentials[0] + "\n" + RequestHash.sha256Hex(credentials[1]);
        Verified known = verified.get(cacheKey);
        if (known != null && ticker.getAsLong() - known.checkedAt() < verifiedForNanos) {
            chain.doFilter(new AuthenticatedClientRequest(request, known.userId(), known.groups()), response);
            return;
        }
        IdentityService identityService = this.identityService.get();
        String userId = credentials[0];
        if (userId.isEmpty() || !identityService.checkPassword(userId, credentials[1])) {
            unauthenticated(request, response, "The credentials are not valid.");
            return;
        }
        // the id as stored: a case-insensitive database must not give one client two spellings of its id
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            unauthenticated(request, response, "The credentials are not valid.");
            return;
        }
        Set<String> groups = identityService.createGroupQuery().groupMember(user.getId()).list().stream()
                .map(Group::getId).collect(Collectors.toUnmodifiableSet());
        if (!groups.contains(BindflowGroups.API_CLIENTS)) {
            log.info("user {} is not in group {}: refused {} {}", user.getId(), BindflowGroups.API_CLIENTS,
                    request.getMethod(), request.getRequestURI());
            problem(request, response, new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN",
                    "The user " + user.getId() + " is not an API client."));
            return;
        }
        if (verifiedForNanos > 0) {
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear();
            }
            verified.put(cacheKey, new Verified(user.getId(), groups, ticker.getAsLong()));
        }
        chain.doFilter(new AuthenticatedClientRequest(request, user.getId(), groups), response);
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
        ProblemDetail body = problem.toProblemDetail();
        body.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        objectMapper.get().writeValue(response.getOutputStream(), body);
    }

    /** The request as seen by the controllers: authenticated as the API client. */
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
