package com.bindflow.binding.otp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS-code rules ({@code bindflow.otp.*}); defaults are SPEC.md's.
 *
 * @param secret          HMAC key the codes are derived from; the same on every node (prod: from the environment)
 * @param validity        how long a code may be entered after it was requested (5 minutes)
 * @param maxWrongEntries wrong entries that lock one code (5)
 * @param cooldown        least time between two sends (60 s)
 * @param maxSends        sends per binding attempt (3)
 */
@ConfigurationProperties("bindflow.otp")
public record OtpProperties(String secret,
                            @DefaultValue("PT5M") Duration validity,
                            @DefaultValue("5") int maxWrongEntries,
                            @DefaultValue("PT60S") Duration cooldown,
                            @DefaultValue("3") int maxSends) {

    public OtpProperties {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("bindflow.otp.secret must be set to at least 16 characters "
                    + "(in production from the environment variable BINDFLOW_OTP_SECRET)");
        }
    }
}
