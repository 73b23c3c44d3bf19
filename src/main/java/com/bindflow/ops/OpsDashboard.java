package com.bindflow.ops;

import com.bindflow.reports.BindingFunnel;
import com.bindflow.reports.PaymentFailureReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the operators' dashboard shows ({@code GET /ops/api/dashboard}): the period's binding funnel and payment
 * failure rate (the reports of {@code /api/reports}), and what is open now: the reviews against their SLA and the
 * incidents.
 *
 * @param now       the application's clock (in the sandbox the test clock: {@code testClock} true)
 * @param today     today's date in {@code zone} by that clock; the period picker counts from it
 * @param period    the dates as picked: bindings and payments created in [from, to), days in {@code zone}
 * @param reviews   the open eligibility reviews and Unfreeze reviews, whatever the period
 * @param incidents the open incidents, whatever the period
 */
public record OpsDashboard(Instant now, boolean testClock, String zone, LocalDate today, Period period,
                           BindingFunnel funnel, PaymentFailureReport payments, List<Reviews> reviews,
                           Incidents incidents) {

    /** The picked dates: {@code from} included, {@code to} not. */
    public record Period(LocalDate from, LocalDate to) {
    }

    /**
     * One kind of review.
     *
     * @param kind         ELIGIBILITY or UNFREEZE
     * @param sla          the SLA in words
     * @param open         open review cases (an Unfreeze case escalated to the supervisors is one case)
     * @param overdue      of those, past their due date
     * @param dueWithin24h of those, not overdue yet but due within 24 hours
     * @param cases        the open cases, earliest due first (at most {@value OpsDashboardService#MAX_ROWS})
     */
    public record Reviews(String kind, String title, String sla, long open, long overdue, long dueWithin24h,
                          List<ReviewCase> cases) {
    }

    /** An open review case: its task(s) in Tasklist; {@code due} is the earliest due date of them. */
    public record ReviewCase(String processInstanceId, String businessKey, String taskName, String assignee,
                             Instant created, Instant due, boolean overdue, String tasklistUrl) {
    }

    /**
     * Open incidents where they arose (not the incidents a called process's failure raises on its callers), newest
     * first (at most {@value OpsDashboardService#MAX_ROWS} listed, {@code open} counts all).
     */
    public record Incidents(long open, List<Incident> items) {
    }

    public record Incident(String id, String type, String message, String processDefinitionKey, String activityId,
                           String processInstanceId, Instant since, String cockpitUrl) {
    }
}
