package com.bindflow.eligibility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The facts the eligibility check gathers (JD Finance's account, the identity check, WeChat's wallet), kept as one
 * process variable, {@value EligibilityProcess#VAR_FACTS}: a JSON object of fact name to value (a string, a boolean or
 * an int), each fetch adding its own. One variable instead of one per fact: each fact was a runtime row, deleted
 * again, and a history row (the benchmark counts 39 rows fewer a binding), and nobody reads them apart but the
 * decision, which records its inputs in the decision history anyway. A check that goes to a reviewer gets every
 * fact as a variable of its own as well, for the review form ({@link #spread}).
 */
final class GatheredFacts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private GatheredFacts() {
    }

    /**
     * Every fact a fetch gathers. Until this version each was a variable of its own: a check whose first fetches ran
     * on a node of the earlier version (a rolling upgrade) has those, and they count as gathered.
     */
    static final List<String> NAMES = List.of("accountStatus", "overdue", "accountClass", "enterprise", "cashOutHistory",
            "maskedName", "maskedIdNumber", "maskedPhone", "identityResult", "identityMatch", "wechatPayEnabled",
            "bankCardCount", "thirdPartyAuthorization");

    /** The facts gathered so far (none: empty). */
    static Map<String, Object> of(VariableScope scope) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String name : NAMES) {
            Object apart = scope.getVariable(name);   // written by the earlier version, or spread for a review
            if (apart != null) {
                facts.put(name, apart);
            }
        }
        Object json = scope.getVariable(EligibilityProcess.VAR_FACTS);
        if (json != null) {
            if (!(json instanceof String text)) {
                throw new IllegalStateException(EligibilityProcess.VAR_FACTS + " is not a string but " + json.getClass());
            }
            try {
                facts.putAll(JSON.readValue(text, MAP));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(EligibilityProcess.VAR_FACTS + " is not a JSON object", e);
            }
        }
        return facts;
    }

    /** Adds these facts to those gathered (a fetch run again replaces its own). */
    static void add(VariableScope scope, Map<String, Object> facts) {
        facts.forEach((name, value) -> {   // what JSON gives back as it was
            if (!(value instanceof String || value instanceof Boolean || value instanceof Integer)) {
                throw new IllegalArgumentException("fact " + name + ": only strings, booleans and ints, not " + value);
            }
        });
        Map<String, Object> all = of(scope);
        all.putAll(facts);
        try {
            scope.setVariable(EligibilityProcess.VAR_FACTS, JSON.writeValueAsString(all));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every fact as a variable of its own (for the reviewer's form). */
    static void spread(VariableScope scope) {
        scope.setVariables(of(scope));
    }
}
