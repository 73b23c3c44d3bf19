package com.bindflow.security;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.ProblemResponses;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The staff login in front of a path: the request passes only with a Camunda webapp login in its session
 * ({@link StaffSession}) of a member of one of the given groups; otherwise 401 {@code LOGIN_REQUIRED} (no login: log in
 * on the page or in any Camunda webapp) or 403 {@code NOT_ALLOWED} (logged in, not in the groups), as problem+json.
 */
public class StaffLoginFilter extends OncePerRequestFilter {

    /** The request attribute that carries the {@link StaffSession.Staff} to the controllers behind the filter. */
    public static final String STAFF = StaffLoginFilter.class.getName() + ".staff";

    private final List<String> groups;
    private final String loginPath;
    private final Supplier<ObjectMapper> json;

    /** {@code loginPath}: Camunda's login endpoint, named in the 401 so that a page knows where to log in. */
    public StaffLoginFilter(List<String> groups, String loginPath, Supplier<ObjectMapper> json) {
        this.groups = List.copyOf(groups);
        this.loginPath = loginPath;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<StaffSession.Staff> staff = StaffSession.of(request);
        if (staff.isEmpty()) {
            ProblemResponses.write(request, response, new ApiProblem(HttpStatus.UNAUTHORIZED, "LOGIN_REQUIRED",
                    "Log in as staff first (the login of the page, or of Cockpit, Tasklist or Admin).")
                    .with("login", loginPath), json.get());
            return;
        }
        if (!staff.get().inAnyOf(groups)) {
            ProblemResponses.write(request, response, new ApiProblem(HttpStatus.FORBIDDEN, "NOT_ALLOWED",
                    "User " + staff.get().userId() + " is not a member of " + String.join(" or ", groups) + "."),
                    json.get());
            return;
        }
        request.setAttribute(STAFF, staff.get());
        chain.doFilter(request, response);
    }
}
