package com.bindflow.eligibility;

import java.util.List;

/**
 * The eligibility verdict: ELIGIBLE, REJECTED with the reasons of every failed condition, or REVIEW (a person
 * decides) with why. Built from the rows of decision table {@code eligibility} that matched.
 */
public record Verdict(Outcome outcome, List<String> reasons) {

    public enum Outcome { ELIGIBLE, REJECTED, REVIEW }

    /** One matched row of the decision table: REJECT or REVIEW, and its reason code. */
    public record Finding(String outcome, String reasonCode) {
    }

    /** Any REJECT row rejects (with all reject reasons); otherwise any REVIEW row sends to review; otherwise eligible. */
    public static Verdict of(List<Finding> findings) {
        List<String> rejects = codes(findings, "REJECT");
        if (!rejects.isEmpty()) {
            return new Verdict(Outcome.REJECTED, rejects);
        }
        List<String> reviews = codes(findings, "REVIEW");
        if (!reviews.isEmpty()) {
            return new Verdict(Outcome.REVIEW, reviews);
        }
        return new Verdict(Outcome.ELIGIBLE, List.of());
    }

    private static List<String> codes(List<Finding> findings, String outcome) {
        return findings.stream().filter(f -> outcome.equals(f.outcome())).map(Finding::reasonCode).distinct().toList();
    }
}
