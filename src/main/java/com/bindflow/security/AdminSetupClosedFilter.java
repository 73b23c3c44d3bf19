package com.bindflow.security;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.ProblemResponses;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes Camunda's first-administrator setup ({@code /camunda/api/admin/setup/{engine}/user/create}): it creates an
 * administrator for anyone while {@value Groups#CAMUNDA_ADMIN} has no direct member (a Camunda 7.24 CE advisory).
 * bindflow creates its administrator from {@code camunda.bpm.admin-user} in every profile, so the endpoint has no use
 * here: 403 problem+json, whoever asks and whatever the group holds.
 */
public class AdminSetupClosedFilter extends OncePerRequestFilter {

    private final Supplier<ObjectMapper> objectMapper;

    public AdminSetupClosedFilter(Supplier<ObjectMapper> objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        ProblemResponses.write(request, response, new ApiProblem(HttpStatus.FORBIDDEN, "SETUP_CLOSED",
                "The administrator is created from the configuration (camunda.bpm.admin-user); the setup endpoint is closed."),
                objectMapper.get());
    }
}
