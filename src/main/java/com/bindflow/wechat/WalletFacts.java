package com.bindflow.wechat;

/** What WeChat Pay tells of a customer's wallet: enabled, how many bank cards, the third-party authorization switch. */
public record WalletFacts(boolean payEnabled, int bankCardCount, boolean thirdPartyAuthorization) {
}
