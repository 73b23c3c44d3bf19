package com.bindflow.security;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.ProblemResponses;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The staff login in front of the operators' endpoints (Actuator, {@code /actuator/*}): a Camunda user, by HTTP Basic
 * (checked by the engine's identity service, so Camunda's lockout applies to staff as on {@code /engine-rest}) or by
 * the session of a Tasklist/Cockpit login. Operators are members of {@value BindflowGroups#OPERATORS} or
 * {@code camunda-admin} ({@link BindflowGroups#OPERATIONS}); the request then carries the user as principal and the
 * user's groups as roles. {@code /actuator/health} and its groups ({@code /liveness}, {@code /readiness}) are open: an
 * anonymous caller (a load balancer, an orchestrator's probe) gets the status only, an operator the details too
 * ({@code management.endpoint.health.show-details: when-authorized}). Everything else: 401 problem+json with
 * {@code WWW-Authenticate} without a (valid) login, 403 for a Camunda user who is no operator. Wrong passwords are
 * throttled per source by the {@link LoginThrottleFilter} in front.
 */
public class StaffAuthenticationFilter extends OncePerRequestFilter {

    static final String WWW_AUTHENTICATE_VALUE = "Basic realm=\"bindflow staff\"";

    private final Supplier<IdentityService> identityService;
    private final Supplier<ObjectMapper> objectMapper;

    public StaffAuthenticationFilter(Supplier<IdentityService> identityService, Supplier<ObjectMapper> objectMapper) {
        this.identityService = identityService;
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
        String[] credentials = ApiClientAuthenticationFilter.basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION));
        StaffSession.Staff staff;
        if (credentials != null) {
            staff = checkPassword(credentials[0], credentials[1]);
            if (staff == null) {
                unauthenticated(request, response, "The credentials are not valid.");
                return;
            }
        } else if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            unauthenticated(request, response, "Only HTTP Basic of a Camunda user is accepted here.");
            return;
        } else {
            staff = StaffSession.of(request).orElse(null);
        }
        if (staff != null && staff.inAnyOf(BindflowGroups.OPERATIONS)) {
            chain.doFilter(new ApiClientAuthenticationFilter.AuthenticatedClientRequest(request, staff.userId(),
                    Set.copyOf(staff.groupIds())), response);
        } else if (health) {
            chain.doFilter(request, response);
        } else if (staff == null) {
            unauthenticated(request, response, "This endpoint is for operators: log in as a Camunda user of group "
                    + BindflowGroups.OPERATORS + " or camunda-admin.");
        } else {
            problem(request, response, new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN",
                    "The user " + staff.userId() + " is not a member of " + BindflowGroups.OPERATORS + " or camunda-admin."));
        }
    }

    private StaffSession.Staff checkPassword(String userId, String password) {
        IdentityService identity = identityService.get();
        if (userId.isEmpty() || !identity.checkPassword(userId, password)) {
            return null;
        }
        return new StaffSession.Staff(userId,
                identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList());
    }

    private void unauthenticated(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, WWW_AUTHENTICATE_VALUE);
        problem(request, response, new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", detail));
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, ApiProblem problem) throws IOException {
        ProblemResponses.write(request, response, problem, objectMapper.get());
    }
}
