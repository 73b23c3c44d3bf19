package com.bindflow.shared;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the domain API as {@code application/problem+json}, naming the field where one is to blame. */
@RestControllerAdvice(basePackages = "com.bindflow")
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        HttpHeaders headers = new HttpHeaders();
        Object retryAfter = problem.properties().get("retryAfterSeconds");
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        return respond(problem.toProblemDetail(), headers);
    }

    @ExceptionHandler(OptimisticLockingException.class)
    ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingException e) {
        log.info("concurrent change, the client may retry: {}", e.getMessage());
        ApiProblem problem = new ApiProblem(HttpStatus.CONFLICT, "CONCURRENT_CHANGE",
                "What this request changes was changed concurrently (e.g. a binding, or an overdue case at midnight); "
                        + "nothing was changed by it. Retry the request.");
        return respond(problem.toProblemDetail(), new HttpHeaders());
    }

    @ExceptionHandler(OutsideSystemUnavailableException.class)
    ResponseEntity<ProblemDetail> outsideSystemDown(OutsideSystemUnavailableException e) {
        log.warn("outside system unavailable: {}", e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "30");
        return respond(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "OUTSIDE_SYSTEM_UNAVAILABLE",
                e.getMessage() + ". Nothing was changed; retry later.").toProblemDetail(), headers);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return respond(ApiProblem.badRequest(e.getHeaderName(), "The header " + e.getHeaderName() + " is required.")
                .toProblemDetail(), new HttpHeaders());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(ApiProblem.badRequest(e.getName(), "The value '" + e.getValue() + "' is not valid for " + e.getName() + ".")
                .toProblemDetail(), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        var first = ex.getBindingResult().getFieldErrors().stream().findFirst();
        String field = first.map(f -> f.getField()).orElse(ex.getBindingResult().getObjectName());
        String detail = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblem.badRequest(field, detail.isEmpty() ? "Invalid request." : detail).toProblemDetail());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblem.badRequest(ex.getParameterName(), "The parameter " + ex.getParameterName() + " is required.")
                        .toProblemDetail());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = "body";
        String detail = "The request body is not valid JSON of the expected shape.";
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = fieldPath(mapping.getPath());
            detail = mapping instanceof InvalidFormatException invalid
                    ? "The value '" + invalid.getValue() + "' is not valid for " + field + "."
                    : "The field " + field + " is not valid.";
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblem.badRequest(field, detail).toProblemDetail());
    }

    /** {@code trips[0].startDate}: names joined by dots, indexes in brackets. */
    static String fieldPath(java.util.List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                field.append('[').append(r.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, h, statusCode);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail body, HttpHeaders headers) {
        return ResponseEntity.status(body.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
