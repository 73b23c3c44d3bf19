package com.bindflow.shared.aliyun;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alibaba Cloud: the AccessKey pair (secrets: from the environment, {@code ALIBABA_CLOUD_ACCESS_KEY_ID} and
 * {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}), SMS ({@code dysmsapi}) and ID Verification ({@code cloudauth}).
 */
@ConfigurationProperties("bindflow.aliyun")
public record AliyunProperties(String accessKeyId, String accessKeySecret, Sms sms, IdVerification idVerification) {

    public AliyunProperties {
        sms = sms == null ? new Sms(null, null, null, null, null, null) : sms;
        idVerification = idVerification == null ? new IdVerification(null, null, null, null) : idVerification;
    }

    /**
     * SMS: the API's URL, the sign name and the template (registered at Alibaba Cloud; it holds the text, with the
     * variable {@code ${code}}), the timeouts, and how long a message whose fate is unknown waits before it may be
     * sent again when Alibaba Cloud's records do not show it.
     */
    public record Sms(String url, String signName, String templateCode, Duration connectTimeout, Duration readTimeout,
                      Duration resendUncertainAfter) {

        public Sms {
            url = url == null ? "https://dysmsapi.aliyuncs.com" : url;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(4) : readTimeout;
            resendUncertainAfter = resendUncertainAfter == null ? Duration.ofMinutes(2) : resendUncertainAfter;
        }

        public AliyunOpenApi.Endpoint endpoint() {
            return new AliyunOpenApi.Endpoint(url, connectTimeout, readTimeout);
        }
    }

    /** ID Verification (identity two-element check and face results): the API's URL, timeouts, the face scene id. */
    public record IdVerification(String url, Duration connectTimeout, Duration readTimeout, Long faceSceneId) {

        public IdVerification {
            url = url == null ? "https://cloudauth.aliyuncs.com" : url;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(4) : readTimeout;
        }

        public AliyunOpenApi.Endpoint endpoint() {
            return new AliyunOpenApi.Endpoint(url, connectTimeout, readTimeout);
        }
    }

    /** Fails the start naming what is missing. */
    public AliyunProperties checked() {
        require(accessKeyId, "bindflow.aliyun.access-key-id", "ALIBABA_CLOUD_ACCESS_KEY_ID");
        require(accessKeySecret, "bindflow.aliyun.access-key-secret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        return this;
    }

    static void require(Object value, String property, String variable) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException(property + " must be set (environment variable " + variable + ")");
        }
    }

    @Override
    public String toString() {
        return "AliyunProperties[accessKeyId=" + accessKeyId + ", accessKeySecret=(secret), sms=" + sms
                + ", idVerification=" + idVerification + "]";
    }
}
