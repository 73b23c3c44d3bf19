package com.bindflow.fees;

/** How an installment plan charges for the credit (SPEC.md §6: 本金计息 vs 全额计息). */
public enum InterestMethod {
    /** Interest on the principal still owed at the start of each period (按剩余本金): it falls as the plan is repaid. */
    PRINCIPAL_BASED,
    /** A fee on the original principal every period (按全额/初始本金), as Baitiao charges its installment fee. */
    FULL_AMOUNT
}
