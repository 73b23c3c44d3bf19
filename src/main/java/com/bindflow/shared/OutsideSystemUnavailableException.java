package com.bindflow.shared;

/**
 * An outside system (JD Finance, identity check, WeChat Pay, SMS, face recognition) failed technically: it did
 * not answer, or answered with an error that says nothing about the customer. Never a business verdict: the job
 * that called it is retried and, when the retries are spent, becomes an incident an operator retries in Cockpit.
 */
public class OutsideSystemUnavailableException extends RuntimeException {

    private final String system;

    public OutsideSystemUnavailableException(String system, String detail) {
        super(system + " unavailable: " + detail);
        this.system = system;
    }

    /** A machine-readable reason, e.g. {@code JD_FINANCE_UNAVAILABLE}. */
    public String reasonCode() {
        return system.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "_UNAVAILABLE";
    }
}
