package com.bindflow.shared.aliyun;

import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import com.aliyun.tea.okhttp.ClientHelper;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideSystem;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * What the Alibaba Cloud adapters (SMS: {@code verification.aliyun}; ID Verification: {@code identity.aliyun} and
 * {@code verification.aliyun}) share: the SDK client's configuration from a URL and timeouts, one attempt per call (the
 * SDK's own retries stay off: {@link com.bindflow.shared.OutsideCalls} decides), and the classification of the SDK's exceptions into
 * technical failures.
 *
 * <p>The SDK (tea) sends through an OkHttp client it keeps per host, port and timeouts, built with OkHttp's default
 * {@code retryOnConnectionFailure}: OkHttp would silently send a request again after some connection failures, even
 * one that had left. {@link #endpoint} puts a client without those retries in its place, so that a request that is not
 * idempotent (an SMS) is sent exactly as often as bindflow decides (the SMS stand-in test counts the requests).
 */
public final class AliyunOpenApi {

    private AliyunOpenApi() {
    }

    /** Where an Alibaba Cloud API is ({@code https://dysmsapi.aliyuncs.com}), and the timeouts of one request. */
    public record Endpoint(String url, Duration connectTimeout, Duration readTimeout) {

        String protocol() {
            return URI.create(url).getScheme().toUpperCase(Locale.ROOT);
        }

        String host() {
            URI uri = URI.create(url);
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        }
    }

    /** The SDK's configuration for {@code endpoint}, with the AccessKey pair; registers the client without retries. */
    public static Config endpoint(Endpoint endpoint, String accessKeyId, String accessKeySecret) {
        if (endpoint.url() == null || URI.create(endpoint.url()).getHost() == null) {
            throw new IllegalArgumentException("not a URL: " + endpoint.url());
        }
        int connectMs = Math.toIntExact(endpoint.connectTimeout().toMillis());
        int readMs = Math.toIntExact(endpoint.readTimeout().toMillis());
        URI uri = URI.create(endpoint.url());
        // the key tea's ClientHelper looks clients up by: host:port:connectTimeout:readTimeout (no proxies set)
        String key = String.format("%s:%d", uri.getHost(), uri.getPort()) + ":" + connectMs + ":" + readMs;
        ClientHelper.clients.put(key, new OkHttpClient.Builder()
                .connectTimeout(connectMs, TimeUnit.MILLISECONDS)
                .readTimeout(readMs, TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(5, 10, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .build());
        return new Config()
                .setAccessKeyId(accessKeyId)
                .setAccessKeySecret(accessKeySecret)
                .setProtocol(endpoint.protocol())
                .setEndpoint(endpoint.host())
                .setConnectTimeout(connectMs)
                .setReadTimeout(readMs);
    }

    /**
     * The SDK's generic OpenAPI client for {@code endpoint} ({@link #endpoint}); {@code api} names the API in the
     * message of a start that cannot set it up.
     */
    public static com.aliyun.teaopenapi.Client client(String api, Endpoint endpoint, String accessKeyId,
                                                      String accessKeySecret) {
        try {
            return new com.aliyun.teaopenapi.Client(endpoint(endpoint, accessKeyId, accessKeySecret));
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up Alibaba Cloud's " + api + " client: " + e.getMessage(), e);
        }
    }

    /** One attempt per call: the SDK's own retries off. */
    public static RuntimeOptions oneAttempt() {
        return new RuntimeOptions().setAutoretry(false).setMaxAttempts(1);
    }

    /**
     * A technical failure from what the SDK threw: on the network (refused, timeout, reset), an error answer (the
     * SDK throws {@link TeaException} for every 4xx and 5xx with a JSON body), or an answer it could not read.
     */
    public static OutsideCallFailure failure(OutsideSystem system, String operation, Exception e) {
        if (e instanceof TeaUnretryableException) {
            return OutsideCallFailure.ofNetwork(system, operation, e);
        }
        if (e instanceof TeaException tea) {
            Map<String, Object> data = tea.getData();
            Object status = data == null ? null : data.get("statusCode");
            return new OutsideCallFailure(system, OutsideCallFailure.Kind.ERROR, operation + ": Alibaba Cloud answered "
                    + (status == null ? "an error" : status) + " " + tea.getCode());
        }
        // the class name only, not kept as a cause: the SDK's exceptions may carry the request
        return new OutsideCallFailure(system, OutsideCallFailure.Kind.ERROR, operation
                + ": an answer that could not be read (" + e.getClass().getSimpleName() + ")");
    }

    /**
     * Calls an RPC-style action (e.g. {@code Id2MetaVerify}, version {@code 2019-03-07}) with its parameters in the
     * query, as Alibaba Cloud's generated SDKs do, and returns the JSON body.
     */
    public static Map<?, ?> rpc(com.aliyun.teaopenapi.Client client, String action, String version,
                                Map<String, String> query) throws Exception {
        com.aliyun.teaopenapi.models.Params params = new com.aliyun.teaopenapi.models.Params()
                .setAction(action).setVersion(version).setProtocol("HTTPS").setPathname("/").setMethod("POST")
                .setAuthType("AK").setStyle("RPC").setReqBodyType("formData").setBodyType("json");
        com.aliyun.teaopenapi.models.OpenApiRequest request = new com.aliyun.teaopenapi.models.OpenApiRequest()
                .setQuery(com.aliyun.openapiutil.Client.query(query));
        Object body = client.callApi(params, request, oneAttempt()).get("body");
        if (!(body instanceof Map<?, ?> map)) {
            throw new IllegalStateException("no JSON object in the answer");
        }
        return map;
    }

    /** A string field of a JSON body, or null. */
    public static String text(Map<?, ?> body, String field) {
        Object value = body == null ? null : body.get(field);
        return value == null ? null : value.toString();
    }
}
