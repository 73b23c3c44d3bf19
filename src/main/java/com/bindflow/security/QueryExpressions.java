package com.bindflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds expressions in a Camunda task query: a field whose name ends in {@code Expression} (any case), or any text
 * containing {@code ${} or {@code #{}, at any depth, {@code orQueries} included. Camunda 7.24 CE refuses expressions
 * in ad-hoc queries only at the top level; those inside {@code orQueries}, and every expression in the query sent along
 * when a stored filter is executed, are evaluated, with every Spring bean in reach (README: Security).
 *
 * <p>A stored filter's query may hold Tasklist's usual expressions, and only those, as the value of an
 * {@code …Expression} field: {@code ${currentUser()}}, {@code ${currentUserGroups()}}, {@code ${now()}} and date
 * arithmetic on {@code ${dateTime()}} ending in {@code .toDate()}, e.g. {@code ${dateTime().plusDays(2).toDate()}}.
 */
final class QueryExpressions {

    /** Where an expression was found ({@code orQueries[0].dueAfterExpression}) and what is wrong with it. */
    record Finding(String field, String detail) {
    }

    private static final Pattern STORED_ALLOWED = Pattern.compile("\\$\\{(currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)"
            + "|dateTime\\(\\)(\\.(plus|minus)(Years|Months|Weeks|Days|Hours|Minutes|Seconds)\\([0-9]{1,6}\\))*\\.toDate\\(\\))}");

    private QueryExpressions() {
    }

    /** The first expression of an ad-hoc query (a JSON body, or the query sent along with a filter's execution). */
    static Optional<Finding> inAdhocQuery(JsonNode query) {
        return find(query, "", false);
    }

    /**
     * The first expression a stored filter's query may not keep (anything but Tasklist's usual ones); {@code query} is
     * the filter's {@code query} member, and the finding's field starts with {@code query.}.
     */
    static Optional<Finding> inStoredQuery(JsonNode query) {
        return find(query, "query", true);
    }

    /** The first query parameter that names or carries an expression. */
    static Optional<Finding> inParameters(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (isExpressionField(parameter.getKey())) {
                return Optional.of(new Finding(parameter.getKey(), "Expressions are not accepted in task queries."));
            }
            for (String value : parameter.getValue()) {
                if (hasMarker(value)) {
                    return Optional.of(new Finding(parameter.getKey(), "Expressions (${…}, #{…}) are not accepted in task queries."));
                }
            }
        }
        return Optional.empty();
    }

    static boolean isExpressionField(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith("expression");
    }

    static boolean hasMarker(String text) {
        return text.contains("${") || text.contains("#{");
    }

    static boolean allowedInStoredFilter(String expression) {
        return STORED_ALLOWED.matcher(expression).matches();
    }

    private static Optional<Finding> find(JsonNode node, String path, boolean stored) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return hasMarker(node.textValue())
                    ? Optional.of(new Finding(path, "Expressions (${…}, #{…}) are not accepted in task queries."))
                    : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Finding> found = find(node.get(i), path + "[" + i + "]", stored);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode value = field.getValue();
                if (hasMarker(field.getKey())) {
                    return Optional.of(new Finding(at, "Expressions (${…}, #{…}) are not accepted in task queries."));
                }
                if (isExpressionField(field.getKey())) {
                    if (!stored) {
                        return Optional.of(new Finding(at, "Expressions are not accepted in task queries."));
                    }
                    if (value != null && !value.isNull()
                            && (!value.isTextual() || !allowedInStoredFilter(value.textValue()))) {
                        return Optional.of(new Finding(at, "A stored filter may only use Tasklist's expressions "
                                + "${currentUser()}, ${currentUserGroups()}, ${now()} and ${dateTime()...toDate()}."));
                    }
                    continue;
                }
                Optional<Finding> found = find(value, at, stored);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
