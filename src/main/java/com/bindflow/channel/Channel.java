package com.bindflow.channel;

/**
 * The channel of a customer's Baitiao use: where a binding started (the JD app, or the WeChat wallet: reverse binding),
 * and the channel a fee or an overdue amount belongs to. Its own package, so that bindings, fees and overdue cases
 * share it without depending on each other.
 */
public enum Channel { JD_APP, WECHAT }
