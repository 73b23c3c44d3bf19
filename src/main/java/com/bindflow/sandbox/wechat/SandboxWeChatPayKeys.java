package com.bindflow.sandbox.wechat;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.wechat.WeChatPayKeys;
import com.bindflow.shared.Jdbc;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox's WeChat Pay keys: an RSA-2048 key pair and an API v3 key, generated with {@link SecureRandom} by the
 * first node that needs them on a database (right after its start) and kept in it ({@code sandbox_wechat_keys}, never
 * in the repository), so every node and every restart uses the same keys: a notification signed by one node is
 * checked by any. The sandbox WeChat Pay signs and encrypts its notifications with them, our endpoint checks them with
 * the same {@link WeChatPayKeys} as in production.
 */
@Component
@SandboxOnly
public class SandboxWeChatPayKeys implements WeChatPayKeys {

    private static final Logger log = LoggerFactory.getLogger(SandboxWeChatPayKeys.class);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate outsideTransactions;
    private volatile Loaded loaded;

    private record Stored(String publicKeyId, String publicKey, String privateKey, String apiV3Key) {
    }

    private record Loaded(KeyPair keyPair, String publicKeyId, String apiV3Key) {
    }

    /**
     * The cluster's keys, read from the database, or generated and stored by the first node, when first needed (an
     * RSA key pair takes a CPU about half a second to generate: the first start on a new database does not wait for
     * it; {@link #loadAfterStart} has them ready before the first notification, as a rule).
     */
    public SandboxWeChatPayKeys(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.clock = clock;
        // the first use may come inside a transaction of the sandbox WeChat's: the keys are read and stored outside it,
        // each statement committed at once, so that its rollback cannot take back keys this node goes on using, nor
        // another node's insert that was first abort it (PostgreSQL aborts a transaction after a failed statement)
        this.outsideTransactions = new TransactionTemplate(transactionManager);
        this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /** Once the application is ready, on a thread of its own: the keys are there before a customer needs them. */
    @EventListener(ApplicationReadyEvent.class)
    public void loadAfterStart() {
        Thread loader = new Thread(() -> {
            try {
                loaded();
            } catch (RuntimeException e) {
                log.warn("sandbox WeChat Pay keys not loaded yet (the first notification loads them): {}", e.toString());
            }
        }, "sandbox-wechat-keys");
        loader.setDaemon(true);
        loader.start();
    }

    private Loaded loaded() {
        Loaded keys = loaded;
        if (keys == null) {
            synchronized (this) {
                keys = loaded;
                if (keys == null) {
                    keys = outsideTransactions.execute(status -> load());
                    loaded = keys;
                }
            }
        }
        return keys;
    }

    private Loaded load() {
        Stored keys = read(jdbc).orElseGet(() -> {
            Stored generated = generate();
            try {
                jdbc.update("insert into sandbox_wechat_keys (id, public_key_id, public_key, private_key, api_v3_key, "
                        + "created_at) values (1,?,?,?,?,?)", generated.publicKeyId(), generated.publicKey(),
                        generated.privateKey(), generated.apiV3Key(), Jdbc.ts(clock.instant()));
                return generated;
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                return read(jdbc).orElseThrow();
            }
        });
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder base64 = Base64.getDecoder();
            return new Loaded(new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(base64.decode(keys.publicKey()))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(keys.privateKey())))),
                    keys.publicKeyId(), keys.apiV3Key());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored sandbox WeChat Pay keys are no RSA keys", e);
        }
    }

    private static java.util.Optional<Stored> read(JdbcTemplate jdbc) {
        return jdbc.query("select * from sandbox_wechat_keys where id = 1", (rs, n) -> new Stored(
                rs.getString("public_key_id"), rs.getString("public_key"), rs.getString("private_key"),
                rs.getString("api_v3_key"))).stream().findFirst();
    }

    private static Stored generate() {
        SecureRandom random = new SecureRandom();
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
        byte[] id = new byte[10];
        random.nextBytes(id);
        Base64.Encoder base64 = Base64.getEncoder();
        return new Stored("PUB_KEY_ID_SANDBOX_" + HexFormat.of().withUpperCase().formatHex(id),
                base64.encodeToString(pair.getPublic().getEncoded()), base64.encodeToString(pair.getPrivate().getEncoded()),
                randomString(random, 32));
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
        return loaded().keyPair().getPublic();
    }

    /** What WeChat Pay signs with; only the sandbox WeChat Pay uses it. */
    PrivateKey platformPrivateKey() {
        return loaded().keyPair().getPrivate();
    }

    @Override
    public String publicKeyId() {
        return loaded().publicKeyId();
    }

    @Override
    public String apiV3Key() {
        return loaded().apiV3Key();
    }

    @Override
    public String toString() {
        Loaded keys = loaded;
        return "SandboxWeChatPayKeys[publicKeyId=" + (keys == null ? "not loaded yet" : keys.publicKeyId()) + "]";
    }
}
