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
 *       when a chunked body passes the limit while it is read).</li>
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
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            ProblemResponses.write(request, response, tooLarge(), objectMapper.get());
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request), response);
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
