package com.bindflow.freeze;

/**
 * Why a credit line is frozen. Each cause is lifted on its own: {@link #RISK} by an approved Unfreeze review (travel
 * proof), {@link #OVERDUE} when the overdue WeChat-channel amount is repaid.
 */
public enum FreezeCause { RISK, OVERDUE }
