package com.bindflow.fees;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;

/**
 * What to quote: {@code amount} yuan over {@code periods} monthly periods, charged by {@code method}, paid through
 * {@code channel} (WECHAT adds the surcharge), with an optional {@code coupon} (null means {@link Coupon#NONE}).
 */
public record InstallmentRequest(BigDecimal amount, Integer periods, InterestMethod method, Channel channel, Coupon coupon) {
}
