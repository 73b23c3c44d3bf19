package com.bindflow.shared;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
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

/**
 * Every error of Spring MVC as {@code application/problem+json}, naming the field where one is to blame: the
 * application's refusals ({@link ApiProblem}) and the framework's own (404 no such resource, 405, 406, 415, 413, an
 * unreadable body), for any handler, not only this application's controllers. Errors that happen before Spring MVC
 * (in a filter, in the container) reach {@link ProblemErrorController}. An unexpected exception is a 500 problem that
 * shows nothing of it, logged at ERROR.
 */
@RestControllerAdvice
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

    /** A body larger than {@link RequestShapeFilter#MAX_BODY_BYTES}, noticed while a controller read it. */
    @ExceptionHandler(RequestShapeFilter.BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(RequestShapeFilter.BodyTooLargeException e) {
        return respond(RequestShapeFilter.tooLarge().toProblemDetail(), new HttpHeaders());
    }

    /** Anything else: a 500 that tells the client nothing of the inside; the log has it. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "The request could not be processed. Nothing of it may have been done; retry it, or report it.")
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

    /**
     * An unreadable body: 400 naming the field and what it must be ({@link StrictJson}); 413 when it was too large.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, RequestShapeFilter.BodyTooLargeException.class)) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(RequestShapeFilter.tooLarge().toProblemDetail());
        }
        String field = "body";
        String detail = ex.getCause() instanceof JsonProcessingException
                ? "The request body is not valid JSON of the expected shape."
                : "A JSON request body is required.";
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = fieldPath(mapping.getPath());
            detail = describe(field, mapping);
        } else if (ex.getCause() instanceof JsonParseException parse && parse.getOriginalMessage() != null
                && parse.getOriginalMessage().startsWith("Duplicate field")) {
            field = duplicatePath(parse);
            detail = "The field " + field + " is given twice.";
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblem.badRequest(field, detail).toProblemDetail());
    }

    /** What the field must be, from the Java type it is read into. */
    static String describe(String field, JsonMappingException mapping) {
        Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String value = mapping instanceof InvalidFormatException invalid && invalid.getValue() != null
                ? "The value '" + Texts.abbreviate(String.valueOf(invalid.getValue())) + "' is not valid for " + field + ": "
                : "The field " + field + " is not valid: ";
        if (target == null) {
            return value.replaceAll(": $", ".");
        }
        String expected;
        if (target.isEnum()) {
            expected = "one of " + Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", ")) + ", as a JSON string (by name)";
        } else if (target == LocalDate.class) {
            expected = "an ISO-8601 date as a JSON string, YYYY-MM-DD (e.g. \"2026-03-10\")";
        } else if (target == Instant.class) {
            expected = "an ISO-8601 instant with an offset as a JSON string (e.g. \"2026-03-10T02:00:00Z\")";
        } else if (target == BigDecimal.class) {
            expected = "a decimal number (a JSON number, or a string of digits such as \"1000.00\") with at most "
                    + StrictJson.MAX_DECIMAL_DIGITS + " digits before and after the point";
        } else if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            expected = "a whole number (a JSON number, in range)";
        } else if (target == Double.class || target == double.class) {
            expected = "a finite number (a JSON number)";
        } else if (target == Boolean.class || target == boolean.class) {
            expected = "true or false";
        } else if (target == String.class) {
            expected = "a JSON string of at most " + StrictJson.MAX_TEXT_LENGTH
                    + " characters without control characters (U+0000–U+001F, U+007F–U+009F; no NUL, no line break)";
        } else if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            expected = "a JSON array";
        } else if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            expected = "a JSON object";
        } else {
            expected = "a " + target.getSimpleName().toLowerCase(Locale.ROOT);
        }
        return value + "it must be " + expected + ".";
    }


    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Where the repeated key is, from the parser's position: {@code trips[1].city}. */
    private static String duplicatePath(JsonParseException parse) {
        com.fasterxml.jackson.core.JsonParser parser = parse.getProcessor();
        if (parser != null) {
            StringBuilder field = new StringBuilder();
            java.util.Deque<com.fasterxml.jackson.core.JsonStreamContext> contexts = new java.util.ArrayDeque<>();
            for (var c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                contexts.push(c);
            }
            for (var c : contexts) {
                if (c.inObject() && c.getCurrentName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(c.getCurrentName());
                } else if (c.inArray()) {
                    field.append('[').append(c.getCurrentIndex()).append(']');
                }
            }
            if (!field.isEmpty()) {
                return field.toString();
            }
        }
        return "body";
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

    /** The framework's problems (404, 405, 406, 415, ...) as problem+json, with a {@code code} like ours. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (body instanceof ProblemDetail problem) {
            withCode(problem, statusCode);
        }
        return new ResponseEntity<>(body, h, statusCode);
    }

    /** Gives a framework problem our {@code code} (the status's name) and a type of ours, unless it has them. */
    static ProblemDetail withCode(ProblemDetail problem, HttpStatusCode status) {
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String code = known == null ? "HTTP_" + status.value() : known.name();
            problem.setProperty("code", code);
            if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
                problem.setType(URI.create("https://bindflow.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
            }
        }
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail body, HttpHeaders headers) {
        return ResponseEntity.status(body.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
