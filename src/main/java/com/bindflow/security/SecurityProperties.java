package com.bindflow.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bindflow.security.*}.
 *
 * <p>{@code open-api-paths}: paths under {@code /api} that the API client filter lets through without HTTP Basic,
 * because their callers authenticate otherwise (WeChat Pay signs its notifications; the controller verifies the
 * signature). Exact paths or Ant patterns ({@code /api/wechat/notifications/**}), matched against the
 * container-decoded path within the application. Setting the list replaces the default.
 */
@ConfigurationProperties("bindflow.security")
public class SecurityProperties {

    private List<String> openApiPaths = new ArrayList<>(List.of("/api/wechat/notifications", "/api/wechat/notifications/**"));

    /** How long a checked API client's credentials are remembered on a node ({@code PT0S}: checked on every request). */
    private java.time.Duration apiClientVerifiedFor = java.time.Duration.ofSeconds(10);

    public java.time.Duration getApiClientVerifiedFor() {
        return apiClientVerifiedFor;
    }

    public void setApiClientVerifiedFor(java.time.Duration apiClientVerifiedFor) {
        if (apiClientVerifiedFor == null || apiClientVerifiedFor.isNegative()) {
            throw new IllegalArgumentException("bindflow.security.api-client-verified-for must be zero or positive");
        }
        this.apiClientVerifiedFor = apiClientVerifiedFor;
    }

    public List<String> getOpenApiPaths() {
        return openApiPaths;
    }

    public void setOpenApiPaths(List<String> openApiPaths) {
        this.openApiPaths = openApiPaths == null ? new ArrayList<>() : openApiPaths;
    }
}
