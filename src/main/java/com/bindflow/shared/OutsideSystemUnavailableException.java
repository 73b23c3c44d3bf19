package com.bindflow.shared;

/**
 * An outside system (JD Finance, identity check, WeChat Pay, SMS, face recognition) failed technically: it did
 * not answer, or answered with an error that says nothing about the customer. Never a business verdict: the job
 * that called it is retried and, when the retries are spent, becomes an incident an operator retries in Cockpit.
 */
public class OutsideSystemUnavailableException extends RuntimeException {

    public OutsideSystemUnavailableException(String system, String detail) {
        super(system + " unavailable: " + detail);
    }
}
