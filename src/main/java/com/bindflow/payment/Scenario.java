package com.bindflow.payment;

/** The payment scenarios of SPEC §4. */
public enum Scenario { ONLINE, OFFLINE_SCAN, TRANSFER, VIRTUAL_TOPUP, CROSS_BORDER }
