package com.bindflow.credit;

import java.math.BigDecimal;

/**
 * A customer's Baitiao account as JD Finance reports it. {@code accountClass} is the real-name payment-account
 * class (1–3; Class III is the highest). Money in yuan as BigDecimal with two decimals. {@code crossBorderPermission}:
 * the separately granted permission for cross-border (海淘) orders.
 */
public record BaitiaoAccount(String userId, String realName, String idNumber, String phone, AccountStatus status,
                             boolean overdue, int accountClass, boolean enterprise, boolean cashOutHistory,
                             BigDecimal creditLimit, BigDecimal availableCredit, boolean crossBorderPermission) {

    public enum AccountStatus { NORMAL, LOCKED, CLOSED }
}
