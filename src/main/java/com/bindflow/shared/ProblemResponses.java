package com.bindflow.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes an {@link ApiProblem} as {@code application/problem+json} from a servlet filter, where no controller (and no
 * {@link ProblemHandler}) is reached: the same body as the controllers' problems, {@code Retry-After} from the
 * problem's {@code retryAfterSeconds}, never cached.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ApiProblem problem,
                             ObjectMapper json) throws IOException {
        ProblemDetail body = problem.toProblemDetail();
        body.setInstance(instance(request));
        Object retryAfter = problem.properties().get("retryAfterSeconds");
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        json.writeValue(response.getOutputStream(), body);
    }

    /** The request's path as the problem's {@code instance}; null when it is no valid URI reference. */
    static URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
