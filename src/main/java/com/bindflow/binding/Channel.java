package com.bindflow.binding;

/** Where the customer started the binding: the JD app, or the WeChat wallet (reverse binding). */
public enum Channel { JD_APP, WECHAT }
