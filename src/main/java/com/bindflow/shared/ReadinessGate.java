package com.bindflow.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web server takes requests a moment before the process application has deployed its processes. Until it has,
 * the domain API answers 503 with Retry-After (problem+json) instead of failing half-way: nothing is written.
 * Per node and only about this node's start-up, so it may live in memory. Before it opens, every deployed process
 * definition is loaded into the engine's cache ({@link DeploymentCacheWarmUp}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ReadinessGate extends OncePerRequestFilter {

    private final AtomicBoolean ready = new AtomicBoolean();
    private final DeploymentCacheWarmUp warmUp;

    public ReadinessGate(DeploymentCacheWarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @EventListener(PostDeployEvent.class)
    public void processesDeployed() {
        warmUp.loadAll();
        ready.set(true);
    }

    public boolean isReady() {
        return ready.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.startsWith("/sandbox/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ready.get()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(503);
        response.setHeader("Retry-After", "2");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"https://bindflow.dev/problems/starting\",\"title\":\"Service Unavailable\","
                + "\"status\":503,\"code\":\"STARTING\",\"detail\":\"bindflow is starting; retry in a moment.\"}");
    }
}
