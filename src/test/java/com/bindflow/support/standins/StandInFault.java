package com.bindflow.support.standins;

/** What a stand-in does to the calls it is told to fail. */
public enum StandInFault {
    /** answers after longer than the adapters' read timeout in the tests */
    TIMEOUT,
    /** 500 with the system's JSON error */
    SERVER_ERROR,
    /** 200 with a body that is not the system's JSON (text/html: a gateway's error page) */
    MALFORMED,
    /** 200, application/json, a body that is not JSON at all (cut off) (WeChat Pay, JD Finance) */
    MALFORMED_JSON,
    /** 200, application/json, well-formed (and for WeChat Pay well signed) but without the fields the call needs (WeChat Pay, JD Finance) */
    MISSING_FIELDS,
    /** a well-formed answer signed with the wrong key (WeChat Pay only) */
    BAD_SIGNATURE,
    /** the connection is reset (after the request arrived) */
    RESET;

    /** The delay of {@link #TIMEOUT}: longer than the read timeouts of the adapter tests (2 s) and the prod IT (3 s). */
    public static final int TIMEOUT_DELAY_MS = 4_000;

    /** The adapters' timeouts in the tests. */
    public static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(1);
    public static final java.time.Duration READ_TIMEOUT = java.time.Duration.ofSeconds(2);

    /** The transformer parameter a stand-in's faulty stub names its fault in. */
    static final String PARAMETER = "fault";

    /** The fault the stub that matched {@code event} was told to play; null when none. */
    static StandInFault of(com.github.tomakehurst.wiremock.stubbing.ServeEvent event) {
        com.github.tomakehurst.wiremock.extension.Parameters parameters = event.getTransformerParameters();
        return parameters != null && parameters.containsKey(PARAMETER) ? valueOf(parameters.getString(PARAMETER)) : null;
    }
}
