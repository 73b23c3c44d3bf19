package com.bindflow.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A browser's session with the Camunda webapps (Tasklist, Cockpit, Admin): the session and CSRF cookies kept across
 * requests, the CSRF token sent back as {@code X-XSRF-TOKEN}, as the webapps' own JavaScript does.
 */
public final class WebappSession {

    private final TestRestTemplate rest;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public WebappSession(TestRestTemplate anonymous) {
        this.rest = anonymous;
        keep(rest.getForEntity("/camunda/app/tasklist/", String.class));
    }

    /** Logs in to the app ({@code tasklist}, {@code cockpit}, {@code admin}); the status of the login. */
    public HttpStatusCode login(String user, String password, String app) {
        HttpHeaders headers = headers();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        ResponseEntity<String> response = rest.exchange("/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST,
                new HttpEntity<>(form, headers), String.class);
        keep(response);
        // the login starts a new session: its CSRF token comes with the next reading request, as in the browser
        if (response.getStatusCode().is2xxSuccessful()) {
            HttpHeaders next = headers();
            keep(rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(next), String.class));
        }
        return response.getStatusCode();
    }

    /** A request in this session; a JSON body (or none), JSON answered. */
    public ResponseEntity<String> exchange(HttpMethod method, String path, String json) {
        return exchange(method, path, json, MediaType.APPLICATION_JSON);
    }

    /** A request in this session; a JSON body (or none); {@code accept}: e.g. application/hal+json, as Tasklist asks. */
    public ResponseEntity<String> exchange(HttpMethod method, String path, String json, MediaType accept) {
        HttpHeaders headers = headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(accept));
        ResponseEntity<String> response = rest.exchange(URI.create(rest.getRootUri() + path), method,
                new HttpEntity<>(json, headers), String.class);
        keep(response);
        return response;
    }

    /** A request in this session with a body of raw bytes under the given Content-Type. */
    public ResponseEntity<String> exchangeBytes(HttpMethod method, String path, byte[] body, String contentType) {
        HttpHeaders headers = headers();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        ResponseEntity<String> response = rest.exchange(URI.create(rest.getRootUri() + path), method,
                new HttpEntity<>(body, headers), String.class);
        keep(response);
        return response;
    }

    private HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        cookies.forEach((name, value) -> headers.add(HttpHeaders.COOKIE, name + "=" + value));
        String csrf = cookies.get("XSRF-TOKEN");
        if (csrf != null) {
            headers.set("X-XSRF-TOKEN", csrf);
        }
        return headers;
    }

    private void keep(ResponseEntity<?> response) {
        for (String cookie : response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
            String pair = cookie.contains(";") ? cookie.substring(0, cookie.indexOf(';')) : cookie;
            int equals = pair.indexOf('=');
            if (equals > 0) {
                cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
    }
}
