package com.bindflow.unfreeze;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A travel proof (行程证明) the customer submitted in a case, and its review. */
public record UnfreezeRequest(String id, String caseId, String userId, int attempt, String documentRef, List<Trip> trips,
                              Instant submittedAt, Instant reviewDueAt, State state, Instant escalatedAt,
                              Instant decidedAt, String decidedBy, String decisionReason) {

    public enum State { UNDER_REVIEW, APPROVED, REJECTED }

    /** A trip of the proof: a city and the dates the customer was there (both included). */
    public record Trip(String city, LocalDate startDate, LocalDate endDate) {
    }
}
