package com.bindflow.unfreeze;

import java.time.Instant;
import java.util.List;

/** A travel proof as the JD app sees it (who decided stays internal). */
public record UnfreezeRequestView(String id, String caseId, int attempt, UnfreezeRequest.State state,
                                  List<UnfreezeRequest.Trip> trips, String documentRef, Instant submittedAt,
                                  Instant reviewDueAt, Instant escalatedAt, Instant decidedAt, String decisionReason) {

    public static UnfreezeRequestView of(UnfreezeRequest r) {
        return new UnfreezeRequestView(r.id(), r.caseId(), r.attempt(), r.state(), r.trips(), r.documentRef(),
                r.submittedAt(), r.reviewDueAt(), r.escalatedAt(), r.decidedAt(), r.decisionReason());
    }
}
