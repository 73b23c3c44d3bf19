package com.bindflow.fees;

/** A coupon applied to an installment plan; the share of the installment cost it covers is on the rate card. */
public enum Coupon {
    NONE,
    /** An interest-free coupon (免息券) redeemed with WeChat Pay points: 80 % of the installment cost, WeChat channel only. */
    WECHAT_POINTS
}
