package com.bindflow.wechat;

/**
 * Port to WeChat Pay's wallet facts (outside system). Throws
 * {@link com.bindflow.shared.OutsideSystemUnavailableException} on a technical failure.
 */
public interface WeChatWallets {

    /** The wallet of the WeChat user linked to this JD user; a user without WeChat Pay has payEnabled false. */
    WalletFacts walletOf(String userId);
}
