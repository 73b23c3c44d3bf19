package com.bindflow.account;

import com.bindflow.credit.CreditExposure;
import com.bindflow.freeze.CreditLineFreeze;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.overdue.OverdueView;
import com.bindflow.unfreeze.UnfreezeCase;
import com.bindflow.unfreeze.UnfreezeRequest;
import com.bindflow.unfreeze.UnfreezeRequestView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/accounts/{userId}}: the credit line as JD Finance reports it, the WeChat channel's exposure (once the
 * payments side tracks it), whether the credit line is frozen and why, the Unfreeze review, and the overdue cases
 * (open ones first).
 */
public record AccountView(String userId, Credit credit, Exposure wechatExposure, boolean frozen, List<Freeze> freezes,
                          UnfreezeReview unfreezeReview, List<OverdueView> overdues, List<String> nextSteps) {

    /** Base credit from JD Finance, and what is available of it now (after the payments' approvals). */
    public record Credit(BigDecimal limit, BigDecimal available) {
    }

    /** The WeChat channel's outstanding amount and its separate limit. */
    public record Exposure(BigDecimal outstanding, BigDecimal limit, BigDecimal available) {

        static Exposure of(CreditExposure.WeChatExposure e) {
            return new Exposure(e.outstanding(), e.limit(), e.available());
        }
    }

    /** An active freeze. */
    public record Freeze(FreezeCause cause, String reason, Instant since) {

        static Freeze of(CreditLineFreeze f) {
            return new Freeze(f.cause(), f.reason(), f.frozenAt());
        }
    }

    /**
     * The user's latest Unfreeze case: AWAITING_PROOF (until {@code proofDueAt}), UNDER_REVIEW (due
     * {@code reviewDueAt}, {@code escalated} after the SLA), REJECTED (with the reason; a new proof until
     * {@code proofDueAt}), APPROVED (being lifted), UNFROZEN, or CLOSED (no proof in time; still frozen).
     */
    public record UnfreezeReview(String caseId, UnfreezeCase.State state, Instant proofDueAt, Instant reviewDueAt,
                                 Boolean escalated, String rejectionReason, UnfreezeRequestView lastProof,
                                 Instant openedAt, Instant endedAt) {

        static UnfreezeReview of(UnfreezeCase c, UnfreezeRequest last) {
            boolean waiting = c.state().acceptsProof();
            boolean underReview = c.state() == UnfreezeCase.State.UNDER_REVIEW;
            String rejection = last != null && last.state() == UnfreezeRequest.State.REJECTED ? last.decisionReason() : null;
            return new UnfreezeReview(c.id(), c.state(), waiting ? c.proofDueAt() : null,
                    underReview && last != null ? last.reviewDueAt() : null,
                    underReview && last != null ? last.escalatedAt() != null : null, rejection,
                    last == null ? null : UnfreezeRequestView.of(last), c.openedAt(), c.endedAt());
        }
    }
}
