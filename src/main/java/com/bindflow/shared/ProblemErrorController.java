package com.bindflow.shared;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page (what Spring Boot's {@code BasicErrorController} answered as its own JSON or HTML):
 * errors raised outside Spring MVC's handlers, by a filter or the servlet container ({@code sendError}, an exception
 * that escaped), answer {@code application/problem+json} too, whatever the request accepts. Nothing of an exception is
 * shown.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // asked for directly (GET /error), there is no error: nothing is at this path
        int status = code == null ? 404 : code instanceof Integer value && value >= 400 && value <= 599 ? value : 500;
        HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusCode, detail(status, request));
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // leave it out
            }
        }
        ProblemHandler.withCode(problem, statusCode);
        return ResponseEntity.status(statusCode).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(int status, HttpServletRequest request) {
        return switch (status) {
            case 400 -> "The request is not valid HTTP for this server.";
            case 401 -> "Authentication is required.";
            case 403 -> "This request is not allowed.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This method is not allowed at this path.";
            case 413 -> "The request is too large.";
            case 500 -> "The request could not be processed. Nothing of it may have been done; retry it, or report it.";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "The request failed." : known.getReasonPhrase() + ".";
            }
        };
    }
}
