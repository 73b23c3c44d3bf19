package com.bindflow.sandbox.wechat;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.wechat.WeChatPayKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * The sandbox's WeChat Pay keys: an RSA-2048 key pair and an API v3 key, generated at start with {@link SecureRandom}
 * and kept in memory only (never committed, never written anywhere). The sandbox WeChat Pay signs and encrypts its
 * notifications with them, our endpoint checks them with the same {@link WeChatPayKeys} as in production. Each node
 * has keys of its own, so a sandbox notification is checked by the node that sent it (the notify URL's default).
 */
@Component
@SandboxOnly
public class SandboxWeChatPayKeys implements WeChatPayKeys {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final KeyPair keyPair;
    private final String publicKeyId;
    private final String apiV3Key;

    public SandboxWeChatPayKeys() {
        SecureRandom random = new SecureRandom();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            this.keyPair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
        byte[] id = new byte[10];
        random.nextBytes(id);
        this.publicKeyId = "PUB_KEY_ID_SANDBOX_" + HexFormat.of().withUpperCase().formatHex(id);
        this.apiV3Key = randomString(random, 32);
    }

    static String randomString(SecureRandom random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    @Override
    public PublicKey platformPublicKey() {
        return keyPair.getPublic();
    }

    /** What WeChat Pay signs with; only the sandbox WeChat Pay uses it. */
    PrivateKey platformPrivateKey() {
        return keyPair.getPrivate();
    }

    @Override
    public String publicKeyId() {
        return publicKeyId;
    }

    @Override
    public String apiV3Key() {
        return apiV3Key;
    }

    @Override
    public String toString() {
        return "SandboxWeChatPayKeys[publicKeyId=" + publicKeyId + "]";
    }
}
