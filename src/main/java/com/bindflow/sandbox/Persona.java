package com.bindflow.sandbox;

import java.math.BigDecimal;
import java.util.Map;

/** One demo persona of {@code sandbox/personas.json}: what each sandboxed outside system knows of a customer. */
public record Persona(String userId, String realName, String idNumber, String phone, Account account,
                      PublicSecurity publicSecurity, WeChat wechat, Map<String, String> faults) {

    public record Account(String status, boolean overdue, int accountClass, boolean enterprise, boolean cashOutHistory,
                          BigDecimal creditLimit, BigDecimal availableCredit, boolean crossBorderPermission) {
    }

    public record PublicSecurity(String realName, String idNumber) {
    }

    public record WeChat(boolean payEnabled, int bankCards, boolean thirdPartyAuthorization) {
    }

    /** The same facts for another customer id (a look-alike customer, see {@link PersonaDirectory}). */
    public Persona as(String otherUserId) {
        return new Persona(otherUserId, realName, idNumber, phone, account, publicSecurity, wechat, faults);
    }

    /** Whether the persona is configured to make the named outside-system call fail technically. */
    public boolean failsAt(String call) {
        return faults != null && "UNAVAILABLE".equals(faults.get(call));
    }
}
