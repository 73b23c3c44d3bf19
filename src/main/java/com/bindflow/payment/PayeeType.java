package com.bindflow.payment;

/** Whom the customer pays: a WeChat merchant (merchant code) or a person (personal code). */
public enum PayeeType { MERCHANT, PERSONAL }
