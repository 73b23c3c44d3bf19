package com.bindflow.wechat.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Calling WeChat Pay API v3 as the merchant: where (the official host unless a stand-in or a proxy is configured), who
 * (merchant id, the merchant API certificate's serial number and private key — a secret, from the environment), the
 * app and the 委托代扣 plan (template) id, where WeChat sends its notifications, and the timeouts of each request.
 * WeChat Pay's platform public key and the API v3 key are {@link com.bindflow.wechat.WeChatPayKeys}
 * ({@code bindflow.wechat.*}).
 */
@ConfigurationProperties("bindflow.wechat.api")
public record WeChatPayApiProperties(String baseUrl, String merchantId, String merchantSerialNumber,
                                     String merchantPrivateKey, String appId, Long planId, String contractNotifyUrl,
                                     String transactionNotifyUrl, String contractDisplayAccount,
                                     Duration connectTimeout, Duration readTimeout, Duration settleWait) {

    public WeChatPayApiProperties {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? WeChatPayApi.HOST : baseUrl;
        contractDisplayAccount = contractDisplayAccount == null ? "京东白条" : contractDisplayAccount;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(4) : readTimeout;
        settleWait = settleWait == null ? Duration.ofSeconds(1) : settleWait;
    }

    /** Fails the start naming what is missing. */
    WeChatPayApiProperties checked() {
        require(merchantId, "merchant-id", "BINDFLOW_WECHAT_MERCHANT_ID");
        require(merchantSerialNumber, "merchant-serial-number", "BINDFLOW_WECHAT_MERCHANT_SERIAL_NUMBER");
        require(merchantPrivateKey, "merchant-private-key", "BINDFLOW_WECHAT_MERCHANT_PRIVATE_KEY");
        require(appId, "app-id", "BINDFLOW_WECHAT_APP_ID");
        require(planId, "plan-id", "BINDFLOW_WECHAT_PLAN_ID");
        require(contractNotifyUrl, "contract-notify-url", "BINDFLOW_WECHAT_CONTRACT_NOTIFY_URL");
        require(transactionNotifyUrl, "transaction-notify-url", "BINDFLOW_WECHAT_TRANSACTION_NOTIFY_URL");
        return this;
    }

    private static void require(Object value, String key, String variable) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("bindflow.wechat.api." + key + " must be set (environment variable "
                    + variable + ")");
        }
    }

    @Override
    public String toString() {
        return "WeChatPayApiProperties[baseUrl=" + baseUrl + ", merchantId=" + merchantId + ", merchantSerialNumber="
                + merchantSerialNumber + ", merchantPrivateKey=(secret), appId=" + appId + ", planId=" + planId
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
