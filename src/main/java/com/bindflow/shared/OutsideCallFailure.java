package com.bindflow.shared;

import java.util.function.Predicate;

/**
 * A technical failure of one call to an outside system, as its adapter classified it: a {@link Kind#TIMEOUT}, an
 * {@link Kind#ERROR} (a 5xx, a malformed or wrongly signed answer, a reset connection, an answer that makes no sense),
 * or {@link Kind#NOT_SENT} (the request surely never left: connection refused, connect timeout, unknown host). Never a
 * business verdict: the job that made the call is retried (and becomes an incident), a synchronous request answers 503.
 * Its {@link OutsideSystemUnavailableException#reasonCode()} names the system.
 */
public class OutsideCallFailure extends OutsideSystemUnavailableException {

    public enum Kind {
        /** connected, but no answer in time: the request may have been acted on */
        TIMEOUT,
        /** an answer that is no answer: 5xx, malformed, bad signature, reset connection */
        ERROR,
        /** the request never left (refused, connect timeout, unknown host): safe to send again, even if not idempotent */
        NOT_SENT,
        /** the circuit breaker is open: nothing was sent */
        CIRCUIT_OPEN
    }

    private final Kind kind;
    /** set by {@link OutsideCalls} from the call's retry policy, before Resilience4j's retry looks at it */
    private volatile boolean retryable;

    public OutsideCallFailure(OutsideSystem system, Kind kind, String detail) {
        this(system, kind, detail, null);
    }

    public OutsideCallFailure(OutsideSystem system, Kind kind, String detail, Throwable cause) {
        super(system.displayName(), detail);
        if (cause != null) {
            initCause(cause);
        }
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether {@link OutsideCalls} may send the call again (its retry policy allows it for this kind). */
    public boolean retryable() {
        return retryable;
    }

    void retryable(boolean retryable) {
        this.retryable = retryable;
    }

    /**
     * A failure on the network, from the I/O exception somewhere in {@code e}'s causes: refused, unknown host or a
     * connect timeout never sent the request ({@link Kind#NOT_SENT}); a read timeout is a {@link Kind#TIMEOUT}; anything
     * else (a reset, a broken answer) an {@link Kind#ERROR}. Only the I/O exception is kept as the cause: the
     * clients' own exceptions may carry the request (headers, body) into logs and incidents.
     */
    public static OutsideCallFailure ofNetwork(OutsideSystem system, String operation, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.http.HttpConnectTimeoutException
                    || t instanceof java.net.NoRouteToHostException
                    || (t instanceof java.net.SocketTimeoutException && String.valueOf(t.getMessage())
                    .toLowerCase(java.util.Locale.ROOT).contains("connect"))) {
                return new OutsideCallFailure(system, Kind.NOT_SENT, operation + ": could not connect ("
                        + t.getClass().getSimpleName() + ")", t);
            }
            if (t instanceof java.io.InterruptedIOException || t instanceof java.net.http.HttpTimeoutException) {
                return new OutsideCallFailure(system, Kind.TIMEOUT, operation + ": no answer in time", t);
            }
            if (t instanceof java.io.IOException) {
                return new OutsideCallFailure(system, Kind.ERROR, operation + ": " + t.getClass().getSimpleName()
                        + " on the connection", t);
            }
        }
        return new OutsideCallFailure(system, Kind.ERROR, operation + ": " + e.getClass().getSimpleName());
    }

    /** Resilience4j's retry predicate ({@code resilience4j.retry.configs.default.retry-exception-predicate}). */
    public static final class Retryable implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable e) {
            return e instanceof OutsideCallFailure f && f.retryable();
        }
    }

    /**
     * Resilience4j's circuit-breaker failure predicate ({@code record-failure-predicate}): technical failures count,
     * a business answer ({@link OutsideRefusal}, e.g. an unknown capture token) does not.
     */
    public static final class Technical implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable e) {
            return e instanceof OutsideCallFailure;
        }
    }
}
