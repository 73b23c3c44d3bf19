package com.bindflow.eligibility;

import java.util.LinkedHashMap;
import java.util.Map;

/** The facts the decision table reads, under the names of its inputs. */
public record EligibilityFacts(String accountStatus, boolean overdue, int accountClass, boolean enterprise,
                               boolean cashOutHistory, boolean identityMatch, boolean wechatPayEnabled,
                               int bankCardCount) {

    public Map<String, Object> asVariables() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("accountStatus", accountStatus);
        v.put("overdue", overdue);
        v.put("accountClass", accountClass);
        v.put("enterprise", enterprise);
        v.put("cashOutHistory", cashOutHistory);
        v.put("identityMatch", identityMatch);
        v.put("wechatPayEnabled", wechatPayEnabled);
        v.put("bankCardCount", bankCardCount);
        return v;
    }

    public static EligibilityFacts fromVariables(Map<String, Object> v) {
        return new EligibilityFacts((String) v.get("accountStatus"), (Boolean) v.get("overdue"),
                (Integer) v.get("accountClass"), (Boolean) v.get("enterprise"), (Boolean) v.get("cashOutHistory"),
                (Boolean) v.get("identityMatch"), (Boolean) v.get("wechatPayEnabled"), (Integer) v.get("bankCardCount"));
    }
}
