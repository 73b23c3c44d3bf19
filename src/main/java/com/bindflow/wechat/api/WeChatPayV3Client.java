package com.bindflow.wechat.api;

import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideSystem;
import com.bindflow.wechat.WeChatPayKeys;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * One signed request to WeChat Pay API v3 through the official SDK ({@code wechatpay-java}): the SDK signs it
 * ({@code WECHATPAY2-SHA256-RSA2048} with the merchant's private key) and verifies the answer's signature with the
 * platform public key (public-key mode); 2xx answers only. Papay has no typed service in the SDK, so its calls go
 * through the SDK's generic {@link HttpClient}; refunds through its {@link RefundService}.
 *
 * <p>Its OkHttp client: connect and read timeouts (and a call timeout of both), never a silent retry
 * ({@code disableRetryOnConnectionFailure}, no retry to the backup domain): {@link com.bindflow.shared.OutsideCalls}
 * alone decides about retries. The SDK builds URLs on the official host; when {@code base-url} names another (a
 * stand-in, a proxy), an interceptor sends the request there — the signature covers method, path, query, time, nonce
 * and body, not the host, so it stays valid.
 *
 * <p>Every failure becomes an {@link OutsideCallFailure}: network (refused, timeout, reset), 5xx, an answer whose
 * signature does not verify, a malformed answer. A 4xx is returned ({@link Answer}) for the adapter to read with
 * {@link WeChatPayApi}, which knows which ones are business answers.
 */
class WeChatPayV3Client {

    /** A 2xx answer's body (null for an empty one), or a 4xx's status and WeChat's error code. */
    record Answer(int status, JsonObject body, String errorCode) {

        boolean ok() {
            return status / 100 == 2;
        }

        String text(String field) {
            return body != null && body.has(field) && !body.get(field).isJsonNull() ? body.get(field).getAsString() : null;
        }
    }

    private final HttpClient http;
    private final RefundService refunds;

    WeChatPayV3Client(WeChatPayApiProperties properties, WeChatPayKeys keys) {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(properties.merchantId())
                .privateKey(properties.merchantPrivateKey())
                .merchantSerialNumber(properties.merchantSerialNumber())
                .publicKey(keys.platformPublicKey())
                .publicKeyId(keys.publicKeyId())
                .apiV3Key(keys.apiV3Key())
                .build();
        OkHttpClient.Builder ok = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .callTimeout(properties.connectTimeout().plus(properties.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        URI base = URI.create(properties.baseUrl());
        if (!URI.create(WeChatPayApi.HOST).equals(base)) {
            ok.addInterceptor(chain -> {
                HttpUrl.Builder to = chain.request().url().newBuilder().scheme(base.getScheme()).host(base.getHost());
                to.port(base.getPort() > 0 ? base.getPort() : HttpUrl.defaultPort(base.getScheme()));
                return chain.proceed(chain.request().newBuilder().url(to.build()).build());
            });
        }
        this.http = new DefaultHttpClientBuilder()
                .config(config)
                .okHttpClient(ok.build())
                .connectTimeoutMs(Math.toIntExact(properties.connectTimeout().toMillis()))
                .readTimeoutMs(Math.toIntExact(properties.readTimeout().toMillis()))
                .writeTimeoutMs(Math.toIntExact(properties.readTimeout().toMillis()))
                .disableRetryOnConnectionFailure()
                .build();
        this.refunds = new RefundService.Builder().httpClient(http).build();
    }

    Answer get(String operation, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        return send(operation, () -> http.get(headers, WeChatPayApi.HOST + path, JsonObject.class).getServiceResponse());
    }

    Answer post(String operation, String path, JsonObject body) {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        headers.addHeader("Content-Type", "application/json");
        return send(operation, () -> http.post(headers, WeChatPayApi.HOST + path,
                new JsonRequestBody.Builder().body(body.toString()).build(), JsonObject.class).getServiceResponse());
    }

    /** The SDK's refund service: {@code POST /v3/refund/domestic/refunds}; the refund's status, or a 4xx. */
    Answer refund(String outRefundNo, String outTradeNo, long refundFen, long totalFen, String reason) {
        CreateRequest request = new CreateRequest();
        request.setOutRefundNo(outRefundNo);
        request.setOutTradeNo(outTradeNo);
        request.setReason(reason);
        AmountReq amount = new AmountReq();
        amount.setRefund(refundFen);
        amount.setTotal(totalFen);
        amount.setCurrency(WeChatPayApi.CNY);
        request.setAmount(amount);
        return send("refund", () -> {
            Refund refund = refunds.create(request);
            JsonObject body = new JsonObject();
            body.addProperty("status", refund.getStatus() == null ? null : refund.getStatus().name());
            body.addProperty("refund_id", refund.getRefundId());
            return body;
        });
    }

    private Answer send(String operation, Supplier<JsonObject> request) {
        try {
            return new Answer(200, request.get(), null);
        } catch (ServiceException answered) {
            int status = answered.getHttpStatusCode();
            if (status / 100 == 4) {
                return new Answer(status, null, answered.getErrorCode());
            }
            throw failure(operation, "WeChat Pay answered " + status + " " + answered.getErrorCode());
        } catch (HttpException network) {
            throw OutsideCallFailure.ofNetwork(OutsideSystem.WECHAT_PAY, operation, network);
        } catch (ValidationException badSignature) {
            throw failure(operation, "the answer's signature does not verify with WeChat Pay's platform public key");
        } catch (MalformedMessageException | JsonParseException | IllegalArgumentException | NullPointerException e) {
            // a body that is not JSON, a timestamp that is not a number or too far off, a missing header
            throw failure(operation, "a malformed answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The SDK's exceptions carry the request (headers, body): none is kept as a cause, into logs or incidents. */
    static OutsideCallFailure failure(String operation, String detail) {
        return new OutsideCallFailure(OutsideSystem.WECHAT_PAY, OutsideCallFailure.Kind.ERROR, operation + ": " + detail);
    }
}
