package com.bindflow.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The shape of a request to {@code /api} and {@code /sandbox}, checked before Spring MVC reads it:
 * <ul>
 *   <li>{@code Content-Type}: a wildcard ({@code *}{@code /*}, {@code application/*}), a value that is no media type,
 *       or a charset Java does not know is a 415 problem (Spring MVC would fail on them with a 500); any other type
 *       reaches Spring MVC, which answers 415 where it wants JSON;</li>
 *   <li>the body: at most {@value #MAX_BODY_BYTES} bytes, a 413 problem beyond (by {@code Content-Length} at once, or
 *       when a chunked body passes the limit while it is read); uncompressed only ({@code Content-Encoding} other than
 *       {@code identity}: 415);</li>
 *   <li>the query string: validly escaped UTF-8, each parameter at most once, no control character (U+0000–U+001F,
 *       U+007F–U+009F) in a name or value; the decoded path no control character either: a 400 problem naming the
 *       parameter (or {@code path}). PostgreSQL refuses NUL in text, and none of the API's values is multi-line.</li>
 * </ul>
 */
public class RequestShapeFilter extends OncePerRequestFilter {

    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Supplier<ObjectMapper> objectMapper;

    public RequestShapeFilter(Supplier<ObjectMapper> objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** Thrown while a body is read past the limit; answered 413 ({@link ProblemHandler}). */
    public static class BodyTooLargeException extends IOException {

        BodyTooLargeException() {
            super("the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    static ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE",
                "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            String refusal = refusal(contentType);
            if (refusal != null) {
                ProblemResponses.write(request, response, new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "UNSUPPORTED_MEDIA_TYPE", "Content-Type", refusal), objectMapper.get());
                return;
            }
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            ProblemResponses.write(request, response, new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "UNSUPPORTED_CONTENT_ENCODING", HttpHeaders.CONTENT_ENCODING,
                    "The body is accepted uncompressed only (no Content-Encoding, or identity)."), objectMapper.get());
            return;
        }
        ApiProblem badQuery = queryRefusal(request.getQueryString());
        if (badQuery == null) {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            if (Texts.firstControl(path) >= 0) {
                badQuery = ApiProblem.badRequest("path", "The path may not contain control characters.");
            }
        }
        if (badQuery != null) {
            ProblemResponses.write(request, response, badQuery, objectMapper.get());
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            ProblemResponses.write(request, response, tooLarge(), objectMapper.get());
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request), response);
    }

    /** Why the query string is refused (a 400 naming the parameter), or null. */
    static ApiProblem queryRefusal(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return ApiProblem.badRequest("query", "The query string is not validly escaped.");
            }
            String shown = Texts.abbreviate(name);
            if (Texts.firstControl(name) >= 0 || Texts.firstControl(value) >= 0) {
                return ApiProblem.badRequest(shown, "The parameter " + shown + " may not contain control characters.");
            }
            if (!seen.add(name)) {
                return ApiProblem.badRequest(shown, "The parameter " + shown + " is given more than once.");
            }
        }
        return null;
    }

    /** Why the Content-Type is refused, or null. */
    static String refusal(String contentType) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return "The Content-Type '" + Texts.abbreviate(contentType) + "' is not a media type; send application/json.";
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "The Content-Type " + type.getType() + "/" + type.getSubtype()
                    + " says nothing about the body; send application/json.";
        }
        String charset = type.getParameter("charset");
        if (charset != null) {
            try {
                if (!Charset.isSupported(unquote(charset))) {
                    return "The charset '" + Texts.abbreviate(charset) + "' is not supported; send UTF-8.";
                }
            } catch (IllegalCharsetNameException e) {
                return "The charset '" + Texts.abbreviate(charset) + "' is not a charset; send UTF-8.";
            }
        }
        return null;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }


    /** The request whose body cannot be read past the limit. */
    static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private ServletInputStream limited;

        LimitedBodyRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                ServletInputStream in = super.getInputStream();
                limited = new ServletInputStream() {
                    private long read;

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > MAX_BODY_BYTES) {
                            throw new BodyTooLargeException();
                        }
                    }
                };
            }
            return limited;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
        }
    }
}
