package com.bindflow.wechat.api;

import static com.bindflow.wechat.api.WeChatPayApi.BANK_CARD_COUNT;
import static com.bindflow.wechat.api.WeChatPayApi.PAY_ENABLED;
import static com.bindflow.wechat.api.WeChatPayApi.THIRD_PARTY_AUTHORIZATION;

import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.OutsideSystem;
import com.bindflow.wechat.WalletFacts;
import com.bindflow.wechat.WeChatWallets;
import com.google.gson.JsonObject;

/**
 * The production {@link WeChatWallets}: a customer's wallet facts from WeChat Pay, signed and verified like every v3
 * call. ASSUMED partner interface ({@link WeChatPayApi#wallet}: no public API reports them); read-only, so retried once
 * after an error. A user WeChat Pay does not know (404 {@code RESOURCE_NOT_EXISTS}: a 404 without it is a technical
 * failure) has no WeChat Pay.
 */
public class V3WeChatWallets implements WeChatWallets {

    private final WeChatPayV3Client client;
    private final WeChatPayApiProperties settings;
    private final OutsideCalls calls;

    V3WeChatWallets(WeChatPayV3Client client, WeChatPayApiProperties settings, OutsideCalls calls) {
        this.client = client;
        this.settings = settings;
        this.calls = calls;
    }

    @Override
    public WalletFacts walletOf(String userId) {
        return calls.call(calls.budget(), OutsideSystem.WECHAT_PAY, WeChatPayApi.PARTNER_CIRCUIT, "wallet-facts",
                OutsideCalls.Retries.IDEMPOTENT,
                facts -> !facts.payEnabled(), () -> {
                    WeChatPayV3Client.Answer answer = client.get("wallet-facts", WeChatPayApi.wallet(userId, settings.appId()));
                    if (!answer.ok() && WeChatPayApi.partnerResourceUnknown(answer.status(), answer.errorCode())) {
                        return new WalletFacts(false, 0, false);
                    }
                    JsonObject body = answer.body();
                    if (!answer.ok() || body == null || !body.has(PAY_ENABLED) || !body.has(BANK_CARD_COUNT)
                            || !body.has(THIRD_PARTY_AUTHORIZATION)) {
                        throw new OutsideCallFailure(OutsideSystem.WECHAT_PAY, OutsideCallFailure.Kind.ERROR,
                                "wallet-facts: " + (answer.ok() ? "an answer without the expected fields"
                                        : "WeChat Pay answered " + answer.status() + " " + answer.errorCode()));
                    }
                    try {
                        return new WalletFacts(body.get(PAY_ENABLED).getAsBoolean(), body.get(BANK_CARD_COUNT).getAsInt(),
                                body.get(THIRD_PARTY_AUTHORIZATION).getAsBoolean());
                    } catch (RuntimeException malformed) {
                        throw new OutsideCallFailure(OutsideSystem.WECHAT_PAY, OutsideCallFailure.Kind.ERROR,
                                "wallet-facts: fields of the wrong type (" + malformed.getClass().getSimpleName() + ")");
                    }
                });
    }
}
