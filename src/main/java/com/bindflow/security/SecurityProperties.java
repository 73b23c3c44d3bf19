package com.bindflow.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bindflow.security.*}.
 *
 * <p>{@code open-api-paths}: paths under {@code /api} that the API client filter lets through without HTTP Basic,
 * because their callers authenticate otherwise (WeChat Pay signs its notifications; the controller verifies the
 * signature). Exact paths or Ant patterns ({@code /api/wechat/notifications/**}), matched against the
 * container-decoded path within the application. Setting the list replaces the default.
 *
 * <p>{@code api-clients.<client-id>}: the API clients ({@link ApiClients}): {@code secrets} (one, or two while a
 * secret is rotated; in production from the environment) and {@code groups} beyond {@value BindflowGroups#API_CLIENTS}
 * (e.g. {@code jd-finance}). {@code api-client-min-secret-length}: the shortest secret accepted at start-up;
 * {@code api-client-min-secret-bits}: the least estimated entropy ({@link ApiClients#estimatedBits}).
 *
 * <p>{@code wrong-credentials.*}: the per-source throttle of wrong credentials ({@link WrongCredentialThrottle}).
 */
@ConfigurationProperties("bindflow.security")
public class SecurityProperties {

    private List<String> openApiPaths = new ArrayList<>(List.of("/api/wechat/notifications", "/api/wechat/notifications/**"));

    private Map<String, ApiClient> apiClients = new LinkedHashMap<>();

    private int apiClientMinSecretLength = 32;

    private int apiClientMinSecretBits = ApiClients.MIN_SECRET_BITS;

    private WrongCredentials wrongCredentials = new WrongCredentials();

    public List<String> getOpenApiPaths() {
        return openApiPaths;
    }

    public void setOpenApiPaths(List<String> openApiPaths) {
        this.openApiPaths = openApiPaths == null ? new ArrayList<>() : openApiPaths;
    }

    public Map<String, ApiClient> getApiClients() {
        return apiClients;
    }

    public void setApiClients(Map<String, ApiClient> apiClients) {
        this.apiClients = apiClients == null ? new LinkedHashMap<>() : apiClients;
    }

    public int getApiClientMinSecretLength() {
        return apiClientMinSecretLength;
    }

    public void setApiClientMinSecretLength(int apiClientMinSecretLength) {
        if (apiClientMinSecretLength < 1) {
            throw new IllegalArgumentException("bindflow.security.api-client-min-secret-length must be at least 1");
        }
        this.apiClientMinSecretLength = apiClientMinSecretLength;
    }

    public int getApiClientMinSecretBits() {
        return apiClientMinSecretBits;
    }

    public void setApiClientMinSecretBits(int apiClientMinSecretBits) {
        this.apiClientMinSecretBits = Math.max(0, apiClientMinSecretBits);
    }

    public WrongCredentials getWrongCredentials() {
        return wrongCredentials;
    }

    public void setWrongCredentials(WrongCredentials wrongCredentials) {
        this.wrongCredentials = wrongCredentials == null ? new WrongCredentials() : wrongCredentials;
    }

    /** One API client: its secrets (never logged, never printed) and its groups. */
    public static class ApiClient {

        private List<String> secrets = new ArrayList<>();
        private List<String> groups = new ArrayList<>();

        public List<String> getSecrets() {
            return secrets;
        }

        public void setSecrets(List<String> secrets) {
            this.secrets = secrets == null ? new ArrayList<>() : secrets;
        }

        public List<String> getGroups() {
            return groups;
        }

        public void setGroups(List<String> groups) {
            this.groups = groups == null ? new ArrayList<>() : groups;
        }

        @Override
        public String toString() {
            return "ApiClient{secrets=" + secrets.size() + " (hidden), groups=" + groups + "}";
        }
    }

    /**
     * {@code max-attempts} wrong credentials from one source within {@code window} reach a check; further ones in that
     * window are answered 429, a source blocked again waits twice as long each time up to {@code max-block}.
     * {@code max-total-attempts}: wrong credentials of all sources together within a window, beyond which every source
     * is blocked after one. {@code max-sources}: how many sources a node keeps track of at once.
     */
    public static class WrongCredentials {

        private int maxAttempts = 10;
        private Duration window = Duration.ofMinutes(1);
        private int maxSources = 10_000;
        private int maxTotalAttempts = 1000;
        private Duration maxBlock = Duration.ofHours(1);

        public int getMaxTotalAttempts() {
            return maxTotalAttempts;
        }

        public void setMaxTotalAttempts(int maxTotalAttempts) {
            if (maxTotalAttempts < 1) {
                throw new IllegalArgumentException("bindflow.security.wrong-credentials.max-total-attempts must be at least 1");
            }
            this.maxTotalAttempts = maxTotalAttempts;
        }

        public Duration getMaxBlock() {
            return maxBlock;
        }

        public void setMaxBlock(Duration maxBlock) {
            if (maxBlock == null || maxBlock.isNegative() || maxBlock.isZero()) {
                throw new IllegalArgumentException("bindflow.security.wrong-credentials.max-block must be positive");
            }
            this.maxBlock = maxBlock;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("bindflow.security.wrong-credentials.max-attempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("bindflow.security.wrong-credentials.window must be positive");
            }
            this.window = window;
        }

        public int getMaxSources() {
            return maxSources;
        }

        public void setMaxSources(int maxSources) {
            if (maxSources < 1) {
                throw new IllegalArgumentException("bindflow.security.wrong-credentials.max-sources must be at least 1");
            }
            this.maxSources = maxSources;
        }
    }
}
