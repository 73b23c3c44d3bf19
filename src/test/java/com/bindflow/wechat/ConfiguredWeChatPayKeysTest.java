package com.bindflow.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Plain test: the production keys are checked at start, naming the property at fault. */
class ConfiguredWeChatPayKeysTest {

    private static final String API_V3_KEY = "0123456789abcdefghijklmnopqrstuv";

    private static String pem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                generator.generateKeyPair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void loadsAPemPublicKeyWithItsIdAndA32ByteApiV3Key() throws Exception {
        ConfiguredWeChatPayKeys keys = ConfiguredWeChatPayKeys.of(pem(), " PUB_KEY_ID_0114232134912410000 ", API_V3_KEY);
        assertThat(keys.platformPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(keys.publicKeyId()).isEqualTo("PUB_KEY_ID_0114232134912410000");
        assertThat(keys.apiV3Key()).isEqualTo(API_V3_KEY);
        assertThat(keys.toString()).doesNotContain(API_V3_KEY);
    }

    @Test
    void refusesMissingOrMalformedKeys() throws Exception {
        String pem = pem();
        assertThatThrownBy(() -> ConfiguredWeChatPayKeys.of("", "id", API_V3_KEY))
                .hasMessageContaining("bindflow.wechat.platform-public-key");
        assertThatThrownBy(() -> ConfiguredWeChatPayKeys.of("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----",
                "id", API_V3_KEY)).hasMessageContaining("bindflow.wechat.platform-public-key");
        assertThatThrownBy(() -> ConfiguredWeChatPayKeys.of(pem, " ", API_V3_KEY))
                .hasMessageContaining("bindflow.wechat.public-key-id");
        assertThatThrownBy(() -> ConfiguredWeChatPayKeys.of(pem, "id", "too-short"))
                .hasMessageContaining("bindflow.wechat.api-v3-key");
        assertThatThrownBy(() -> ConfiguredWeChatPayKeys.of(pem, "id", null))
                .hasMessageContaining("bindflow.wechat.api-v3-key");
    }
}
