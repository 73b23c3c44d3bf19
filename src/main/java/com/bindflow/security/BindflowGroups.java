package com.bindflow.security;

import java.util.List;

/** The group ids bindflow relies on: Camunda groups of the staff (Tasklist); groups of the configured API clients. */
public final class BindflowGroups {

    public static final String ELIGIBILITY_REVIEWERS = "eligibility-reviewers";
    public static final String CUSTOMER_SERVICE = "customer-service";
    public static final String RISK_REVIEWERS = "risk-reviewers";
    public static final String RISK_SUPERVISORS = "risk-supervisors";
    /**
     * Staff who watch the system: the operators' dashboard ({@code /ops}), Actuator's metrics and health details
     * ({@code /actuator}), Cockpit read only; besides Camunda's administrators.
     */
    public static final String OPERATORS = "operators";
    /** Camunda's administrators' group ({@code camunda-admin}): every webapp, the dashboard and Actuator too. */
    public static final String CAMUNDA_ADMIN = "camunda-admin";
    /**
     * Every API client ({@link ApiClients}, configured, not a Camunda user) is a member: it may call the domain API
     * {@code /api/*}. It has no Camunda authorization at all.
     */
    public static final String API_CLIENTS = "api-clients";
    /** API clients that speak for JD Finance: only they report overdue amounts. */
    public static final String JD_FINANCE = "jd-finance";
    /** API clients that may call the sandbox endpoints {@code /sandbox/*} (sandbox profile only). */
    public static final String SANDBOX = "sandbox";

    /** The groups whose members may use the operators' endpoints. */
    public static final List<String> OPERATIONS = List.of(OPERATORS, CAMUNDA_ADMIN);

    /** The groups whose members work on user tasks in Tasklist. */
    public static final List<String> STAFF = List.of(ELIGIBILITY_REVIEWERS, CUSTOMER_SERVICE, RISK_REVIEWERS, RISK_SUPERVISORS);

    private BindflowGroups() {
    }
}
