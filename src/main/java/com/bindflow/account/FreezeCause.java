package com.bindflow.account;

public enum FreezeCause { RISK, OVERDUE }
