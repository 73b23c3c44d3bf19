package com.bindflow.security;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.ProblemResponses;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes the task-query expression hole of Camunda 7.24 CE (README: Security) at every entrance, before the engine
 * sees the request, for every user (administrators included):
 * <ul>
 *   <li>the engine REST API: {@code /engine-rest/task}, {@code /task/count} (GET parameters and POST bodies), also
 *       under {@code /engine-rest/engine/{name}/…};</li>
 *   <li>the webapps' engine API, {@code /camunda/api/engine/engine/{name}/task…} (Tasklist and Cockpit sessions);</li>
 *   <li>the query sent along when a stored filter is executed, {@code …/filter/{id}/list|count|singleResult} (GET and
 *       POST), on both.</li>
 * </ul>
 * A task query that names an {@code …Expression} field or holds {@code ${}/{@code #{} anywhere is refused with 400
 * problem+json ({@code QUERY_EXPRESSION_REFUSED}, naming the field). Creating, changing or deleting a filter
 * ({@code POST …/filter/create}, {@code PUT}/{@code DELETE …/filter/{id}}) is for administrators
 * ({@value Groups#CAMUNDA_ADMIN}) only (403 otherwise), and a saved filter's query may hold Tasklist's usual
 * expressions and nothing else ({@link QueryExpressions#inStoredQuery}).
 *
 * <p>The path is matched as the container decoded and normalised it (no dot segments or path parameters), with
 * repeated slashes, a trailing slash and letter case ignored. A body is read up to {@value #MAX_BODY_BYTES} bytes
 * (413 beyond), decoded as UTF-8 and parsed as strict JSON, and what the engine gets is exactly what was checked:
 * the parsed query written anew as UTF-8, declared {@code charset=UTF-8}. A declared charset other than UTF-8 is a 415
 * ({@code UNSUPPORTED_CHARSET}: the engine would decode the bytes with it, and ISO-2022-JP's escape sequences or
 * UTF-16 can hide {@code ${} from a reader of UTF-8); a body that is not strict JSON in UTF-8, repeats a key, or comes
 * compressed is refused rather than passed unchecked. {@code orQueries} as a query parameter is a 400 (Camunda reads
 * them from a POST body only). A stored filter whose saved query holds an expression other than Tasklist's own is not
 * executed (403 {@code FILTER_REFUSED}, {@link StoredFilters}).
 */
public class EngineQueryGuard extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(EngineQueryGuard.class);
    private static final Pattern FILTER_ID = Pattern.compile("filter/[^/]+");
    private static final Pattern ENGINE_NAME = Pattern.compile("/engine/([^/]+)/");
    private static final Pattern FILTER_EXECUTION = Pattern.compile("filter/[^/]+/(list|count|singleresult)");

    /**
     * Strict JSON only (RFC 8259, no comments, quotes of one kind, no unescaped control characters), read from UTF-8
     * text: what this guard passes on is exactly what it checked, re-written as UTF-8 ({@link #checkedBody}).
     */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** What a request to the engine API is, as far as task queries go. */
    enum Kind {
        /** {@code task}, {@code task/count}: an ad-hoc task query. */
        TASK_QUERY,
        /** {@code filter/{id}/list|count|singleResult}: a stored filter run with an extending query. */
        FILTER_EXECUTION,
        /** {@code filter/create}, {@code PUT filter/{id}}: a filter saved. */
        FILTER_SAVE,
        /** {@code DELETE filter/{id}}. */
        FILTER_DELETE,
        /** anything else under {@code filter}: its parameters and body are checked as a query. */
        FILTER_OTHER,
        NONE
    }

    private final String engineRest;
    private final String webappEngineApi;
    private final Supplier<IdentityService> identityService;
    private final Supplier<ObjectMapper> problemWriter;
    private final StoredFilters storedFilters;

    /**
     * @param engineRestPath the engine REST API's path ({@code /engine-rest})
     * @param webappPath     the webapps' path ({@code /camunda}); their engine API is {@code <webappPath>/api/engine}
     */
    public EngineQueryGuard(String engineRestPath, String webappPath, Supplier<IdentityService> identityService,
                            Supplier<ObjectMapper> problemWriter, StoredFilters storedFilters) {
        this.engineRest = canonical(engineRestPath);
        this.storedFilters = storedFilters;
        this.webappEngineApi = canonical(webappPath) + "/api/engine";
        this.identityService = identityService;
        this.problemWriter = problemWriter;
    }

    /** The engine API path below the engine ({@code task/count}), lower case; null when not an engine API path. */
    String engineApiPath(String path) {
        String p = canonical(path).toLowerCase(Locale.ROOT);
        String rest;
        if (p.startsWith(engineRest.toLowerCase(Locale.ROOT) + "/")) {
            rest = p.substring(engineRest.length() + 1);
            if (rest.startsWith("engine/")) {
                int slash = rest.indexOf('/', "engine/".length());
                rest = slash < 0 ? "" : rest.substring(slash + 1);
            }
        } else if (p.startsWith(webappEngineApi.toLowerCase(Locale.ROOT) + "/engine/")) {
            rest = p.substring(webappEngineApi.length() + "/engine/".length());
            int slash = rest.indexOf('/');
            rest = slash < 0 ? "" : rest.substring(slash + 1);
        } else {
            return null;
        }
        return rest;
    }

    Kind kind(String method, String engineApiPath) {
        if (engineApiPath == null) {
            return Kind.NONE;
        }
        if (engineApiPath.equals("task") || engineApiPath.equals("task/count")) {
            return Kind.TASK_QUERY;
        }
        if (!engineApiPath.equals("filter") && !engineApiPath.startsWith("filter/")) {
            return Kind.NONE;
        }
        if (FILTER_EXECUTION.matcher(engineApiPath).matches()) {
            return Kind.FILTER_EXECUTION;
        }
        if (engineApiPath.equals("filter/create") && method.equals("POST")) {
            return Kind.FILTER_SAVE;
        }
        if (FILTER_ID.matcher(engineApiPath).matches() && !engineApiPath.equals("filter/count")) {
            if (method.equals("PUT")) {
                return Kind.FILTER_SAVE;
            }
            if (method.equals("DELETE")) {
                return Kind.FILTER_DELETE;
            }
        }
        return Kind.FILTER_OTHER;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        Kind kind = kind(method, engineApiPath(path));
        if (kind == Kind.NONE) {
            chain.doFilter(request, response);
            return;
        }
        if ((kind == Kind.FILTER_SAVE || kind == Kind.FILTER_DELETE) && !isAdministrator(request, path)) {
            refuse(request, response, new ApiProblem(HttpStatus.FORBIDDEN, "ADMIN_ONLY",
                    "Only administrators (" + Groups.CAMUNDA_ADMIN + ") may create, change or delete filters."));
            return;
        }
        Optional<QueryExpressions.Finding> inParameters;
        try {
            inParameters = QueryExpressions.inParameters(queryParameters(request.getQueryString()));
        } catch (IllegalArgumentException malformed) {
            refuse(request, response, ApiProblem.badRequest("query", "The query string is not validly encoded."));
            return;
        }
        if (inParameters.isPresent()) {
            refused(request, response, inParameters.get());
            return;
        }
        Optional<String> orQueries = queryParameters(request.getQueryString()).keySet().stream()
                .filter(name -> name.trim().equalsIgnoreCase("orQueries")).findFirst();
        if (orQueries.isPresent()) {
            // Camunda cannot read them from the query string (it failed with a 500): only in a POST body
            refuse(request, response, ApiProblem.badRequest(orQueries.get(),
                    "orQueries are accepted in the JSON body of a POST only."));
            return;
        }
        if (kind == Kind.FILTER_EXECUTION) {
            Optional<QueryExpressions.Finding> stored = storedFilters.refusal(filterId(engineApiPath(path)));
            if (stored.isPresent()) {
                refuse(request, response, new ApiProblem(HttpStatus.FORBIDDEN, "FILTER_REFUSED", stored.get().field(),
                        "This filter's stored query holds an expression other than Tasklist's own; it is not executed. "
                                + "An administrator must change or delete it."));
                return;
            }
        }
        if (method.equals("GET") || method.equals("HEAD") || kind == Kind.FILTER_DELETE) {
            chain.doFilter(request, response);
            return;
        }
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            refuse(request, response, new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "CONTENT_ENCODING_REFUSED",
                    "Content-Encoding", "A task query is accepted uncompressed only."));
            return;
        }
        String forwardedType;
        try {
            forwardedType = forwardedContentType(request.getHeaders("Content-Type"));
        } catch (IllegalArgumentException refusedType) {
            refuse(request, response, new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_CHARSET",
                    "Content-Type", refusedType.getMessage()));
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            refuse(request, response, new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE",
                    "A task query may have at most " + MAX_BODY_BYTES + " bytes."));
            return;
        }
        JsonNode query;
        try {
            query = checkedBody(body);
        } catch (IOException | IllegalArgumentException notJson) {
            refuse(request, response, ApiProblem.badRequest("body", "The body is not a strict JSON task query in UTF-8."));
            return;
        }
        Optional<QueryExpressions.Finding> inBody = query == null ? Optional.empty()
                : kind == Kind.FILTER_SAVE ? QueryExpressions.inStoredQuery(query.path("query"))
                : QueryExpressions.inAdhocQuery(query);
        if (inBody.isPresent()) {
            refused(request, response, inBody.get());
            return;
        }
        byte[] checked = query == null ? new byte[0] : STRICT.writeValueAsBytes(query);
        chain.doFilter(new BufferedBodyRequest(request, checked, forwardedType), response);
    }

    /**
     * The Content-Type the engine gets: the media type as sent, with charset UTF-8; null when none was sent. A declared
     * charset other than UTF-8 (ISO-2022-JP, UTF-16, …), more than one charset or more than one Content-Type is refused
     * (IllegalArgumentException with the reason): the engine's reader would decode the bytes otherwise than this guard.
     */
    static String forwardedContentType(java.util.Enumeration<String> headers) {
        List<String> values = headers == null ? List.of() : java.util.Collections.list(headers);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("Send one Content-Type: application/json (UTF-8).");
        }
        String[] parts = values.get(0).split(";");
        String type = parts[0].trim();
        if (type.isEmpty() || type.indexOf('/') < 1) {
            throw new IllegalArgumentException("The Content-Type is not a media type; send application/json (UTF-8).");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).trim();
            if (!name.equalsIgnoreCase("charset")) {
                continue;
            }
            String value = equals < 0 ? "" : parameter.substring(equals + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).trim();
            }
            if (!value.equalsIgnoreCase("UTF-8") && !value.equalsIgnoreCase("UTF8")) {
                throw new IllegalArgumentException("The engine API accepts task queries in UTF-8 only, not in '"
                        + com.bindflow.shared.Texts.abbreviate(value) + "'.");
            }
        }
        return type + ";charset=UTF-8";
    }

    /**
     * The body decoded as UTF-8 (malformed bytes refused, no byte-order mark) and parsed as strict JSON; null when
     * blank.
     */
    static JsonNode checkedBody(byte[] body) throws IOException {
        if (isBlank(body)) {
            return null;
        }
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(body)).toString();
        JsonNode node = STRICT.readTree(text);
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return node;
    }

    /** {@code filter/{id}/…}: the id. */
    private static String filterId(String engineApiPath) {
        String rest = engineApiPath.substring("filter/".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    private boolean isAdministrator(HttpServletRequest request, String path) {
        String p = canonical(path).toLowerCase(Locale.ROOT);
        if (p.startsWith(engineRest.toLowerCase(Locale.ROOT) + "/")) {
            // set by Camunda's ProcessEngineAuthenticationFilter, which runs before this filter
            Authentication current = identityService.get().getCurrentAuthentication();
            return current != null && current.getGroupIds() != null && current.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null) {
            return false;
        }
        Matcher engine = ENGINE_NAME.matcher(canonical(path).substring(webappEngineApi.length()));
        if (!engine.lookingAt()) {
            return false;
        }
        var authentication = authentications.getAuthenticationForProcessEngine(engine.group(1));
        return authentication instanceof UserAuthentication user && user.getGroupIds() != null
                && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
    }

    private void refused(HttpServletRequest request, HttpServletResponse response, QueryExpressions.Finding finding)
            throws IOException {
        log.warn("refused a task query with an expression in {}: {} {}", finding.field(), request.getMethod(),
                request.getRequestURI());
        refuse(request, response, new ApiProblem(HttpStatus.BAD_REQUEST, "QUERY_EXPRESSION_REFUSED", finding.field(),
                finding.detail()));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem problem) throws IOException {
        ProblemResponses.write(request, response, problem, problemWriter.get());
    }

    /** Query parameters decoded as a form would be; a malformed escape throws IllegalArgumentException. */
    static Map<String, List<String>> queryParameters(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    static String canonical(String path) {
        String p = path == null ? "" : path.replaceAll("/{2,}", "/");
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
