package com.bindflow.binding;

import com.bindflow.shared.LongPoll;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every answer that shows a binding carries its entity tag: the tag of the JSON it carries, the one
 * {@code GET /api/bindings/{id}} gives for the same state. So the JD app can wait for the next change right after a
 * step ({@code If-None-Match} with the step's tag and {@code waitSeconds}), without reading the binding first. An
 * answer to a request at another address (the steps' {@code POST}s, {@code DELETE}) also names the binding it shows
 * ({@code Content-Location: /api/bindings/{id}}): the tag is that resource's (RFC 9110 §8.7, §8.8.3). A tag the
 * controller set (the {@code GET}, which needs it before it answers) is kept. Only the controllers of this package and
 * its steps' (SMS code, face) are advised.
 */
@RestControllerAdvice(basePackageClasses = BindingTags.class)   // the binding's controllers and its steps'
public class BindingTags implements ResponseBodyAdvice<Object> {

    private final ObjectMapper json;

    public BindingTags(ObjectMapper json) {
        this.json = json;
    }

    /** The entity tag of this answer. */
    public String of(BindingView view) {
        try {
            return LongPoll.etag(json.writeValueAsBytes(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The binding's address, where {@code GET} shows it. */
    static String location(String id) {
        return "/api/bindings/" + id;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof BindingView view) {
            HttpHeaders headers = response.getHeaders();
            if (headers.getETag() == null) {
                headers.setETag(of(view));
            }
            if (request instanceof ServletServerHttpRequest servlet && !headers.containsKey(HttpHeaders.CONTENT_LOCATION)) {
                HttpServletRequest http = servlet.getServletRequest();
                String location = location(view.id());
                if (!http.getRequestURI().equals(http.getContextPath() + location)) {   // not the binding's own address
                    headers.set(HttpHeaders.CONTENT_LOCATION, http.getContextPath() + location);
                }
            }
        }
        return body;
    }
}
