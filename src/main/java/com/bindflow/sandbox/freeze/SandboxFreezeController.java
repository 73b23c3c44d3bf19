package com.bindflow.sandbox.freeze;

import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.freeze.CreditLineFreezeService;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.ApiProblem;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox only: freeze and lift a persona's credit line by hand, as the payments' risk pipeline (RISK) and the
 * repayment of an overdue amount (OVERDUE lifted) will, to try the Unfreeze review before those exist.
 */
@RestController
@RequestMapping("/sandbox/accounts/{userId}/freezes")
@SandboxOnly
public class SandboxFreezeController {

    private final JdFinanceAccounts accounts;
    private final CreditLineFreezeService freezes;

    public SandboxFreezeController(JdFinanceAccounts accounts, CreditLineFreezeService freezes) {
        this.accounts = accounts;
        this.freezes = freezes;
    }

    public record FreezeRequest(FreezeCause cause, String reason, String evidenceRef) {
    }

    @PostMapping
    public Map<String, Object> freeze(@PathVariable String userId, @RequestBody FreezeRequest request) {
        checked(userId, request.cause(), request.reason());
        if (request.evidenceRef() == null || request.evidenceRef().isBlank()
                || request.evidenceRef().length() > CreditLineFreezeService.MAX_EVIDENCE_REF) {
            throw ApiProblem.badRequest("evidenceRef", "evidenceRef is required (at most "
                    + CreditLineFreezeService.MAX_EVIDENCE_REF + " characters).");
        }
        freezes.freeze(userId, request.cause(), request.reason(), request.evidenceRef());
        return Map.of("userId", userId, "frozen", freezes.isFrozen(userId));
    }

    public record LiftRequest(FreezeCause cause, String reason) {
    }

    @PostMapping("/lift")
    public Map<String, Object> lift(@PathVariable String userId, @RequestBody LiftRequest request) {
        checked(userId, request.cause(), request.reason());
        int lifted = freezes.lift(userId, request.cause(), request.reason());
        return Map.of("userId", userId, "lifted", lifted, "frozen", freezes.isFrozen(userId));
    }

    private void checked(String userId, FreezeCause cause, String reason) {
        if (!accounts.exists(userId)) {
            throw JdFinanceAccounts.unknownUser(userId);
        }
        if (cause == null) {
            throw ApiProblem.badRequest("cause", "cause is required: RISK or OVERDUE.");
        }
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.badRequest("reason", "reason is required.");
        }
    }
}
