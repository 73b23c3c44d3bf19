package com.bindflow.security;

import java.util.List;

/** The Camunda group ids bindflow relies on. Staff work in Tasklist; API clients call the domain API. */
public final class BindflowGroups {

    public static final String ELIGIBILITY_REVIEWERS = "eligibility-reviewers";
    public static final String CUSTOMER_SERVICE = "customer-service";
    public static final String RISK_REVIEWERS = "risk-reviewers";
    public static final String RISK_SUPERVISORS = "risk-supervisors";
    /** Members may call the domain API {@code /api/*}; they need (and get) no Camunda authorization. */
    public static final String API_CLIENTS = "api-clients";
    /** API clients that speak for JD Finance: only they report overdue amounts. */
    public static final String JD_FINANCE = "jd-finance";

    /** The groups whose members work on user tasks in Tasklist. */
    public static final List<String> STAFF = List.of(ELIGIBILITY_REVIEWERS, CUSTOMER_SERVICE, RISK_REVIEWERS, RISK_SUPERVISORS);

    private BindflowGroups() {
    }
}
