package com.bindflow.credit.jdfinance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * JD Finance's API (docs/jd-finance-api.yaml): where it is, the bearer token JD Finance issued to bindflow (a secret:
 * from the environment, {@code BINDFLOW_JD_FINANCE_TOKEN}), and the timeouts of each request.
 */
@ConfigurationProperties("bindflow.jd-finance")
public record JdFinanceProperties(String baseUrl, String token, Duration connectTimeout, Duration readTimeout) {

    public JdFinanceProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(4) : readTimeout;
    }

    /** Fails the start naming what is missing. */
    JdFinanceProperties checked() {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException("bindflow.jd-finance.base-url must be set (environment variable "
                    + "BINDFLOW_JD_FINANCE_BASE_URL): the base URL of JD Finance's API, docs/jd-finance-api.yaml");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("bindflow.jd-finance.token must be set (environment variable "
                    + "BINDFLOW_JD_FINANCE_TOKEN): the bearer token JD Finance issued to bindflow");
        }
        return this;
    }

    @Override
    public String toString() {
        return "JdFinanceProperties[baseUrl=" + baseUrl + ", token=(secret), connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }
}
