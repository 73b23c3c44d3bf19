package com.bindflow.wechat.notification;

/**
 * Reads a notification as WeChat Pay's real API sends it (e.g. {@code ENTRUST.SIGN} with {@code out_contract_code})
 * into the event the handlers act on (e.g. {@code CONTRACT.AUTHORIZED} with {@code contract_code} and
 * {@code binding_id}). Applied by the inbox before dispatching; returns the event unchanged when it is not its kind.
 */
public interface WeChatEventTranslator {

    WeChatEvent translate(WeChatEvent event);
}
