package com.bindflow.sandbox.wechat;

import com.bindflow.sandbox.PersonaDirectory;
import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.OutsideSystemUnavailableException;
import com.bindflow.wechat.WalletFacts;
import com.bindflow.wechat.WeChatWallets;
import org.springframework.stereotype.Component;

/** WeChat Pay's wallet facts in sandbox mode, from the personas; an unknown user has no WeChat Pay. */
@Component
@SandboxOnly
public class SandboxWeChatWallets implements WeChatWallets {

    private final PersonaDirectory personas;

    public SandboxWeChatWallets(PersonaDirectory personas) {
        this.personas = personas;
    }

    @Override
    public WalletFacts walletOf(String userId) {
        return personas.find(userId)
                .map(p -> {
                    if (p.failsAt("wechatWallet")) {
                        throw new OutsideSystemUnavailableException("WeChat Pay", "wallet query failed");
                    }
                    return new WalletFacts(p.wechat().payEnabled(), p.wechat().bankCards(), p.wechat().thirdPartyAuthorization());
                })
                .orElse(new WalletFacts(false, 0, false));
    }
}
