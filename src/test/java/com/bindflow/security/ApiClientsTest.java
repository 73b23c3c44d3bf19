package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configured API clients: secrets checked in memory, two during a rotation, never echoed in a refusal. */
class ApiClientsTest {

    static final String CURRENT = "current-secret-of-32-characters!";
    static final String NEXT = "the-next-secret-of-32-characters";

    private static Map<String, SecurityProperties.ApiClient> clients(String id, List<String> secrets, List<String> groups) {
        SecurityProperties.ApiClient client = new SecurityProperties.ApiClient();
        client.setSecrets(secrets);
        client.setGroups(groups);
        Map<String, SecurityProperties.ApiClient> map = new LinkedHashMap<>();
        map.put(id, client);
        return map;
    }

    @Test
    void theRightSecretGivesTheClientWithItsGroups() {
        ApiClients clients = new ApiClients(clients("jd-finance", List.of(CURRENT), List.of("jd-finance")), 32);

        assertThat(clients.verify("jd-finance", CURRENT)).get().satisfies(client -> {
            assertThat(client.id()).isEqualTo("jd-finance");
            assertThat(client.groups()).containsExactlyInAnyOrder(BindflowGroups.API_CLIENTS, "jd-finance");
        });
        assertThat(clients.verify("jd-finance", CURRENT + "x")).isEmpty();
        assertThat(clients.verify("jd-finance", "")).isEmpty();
        assertThat(clients.verify("jd-finance", null)).isEmpty();
        assertThat(clients.verify("jd-app", CURRENT)).isEmpty();
        assertThat(clients.verify(null, CURRENT)).isEmpty();
    }

    @Test
    void duringARotationBothSecretsAreValid() {
        ApiClients rotating = new ApiClients(clients("jd-app", List.of(NEXT, CURRENT), List.of()), 32);
        assertThat(rotating.verify("jd-app", CURRENT)).isPresent();
        assertThat(rotating.verify("jd-app", NEXT)).isPresent();

        // the rotation done: the old secret is no longer valid
        ApiClients rotated = new ApiClients(clients("jd-app", List.of(NEXT), List.of()), 32);
        assertThat(rotated.verify("jd-app", NEXT)).isPresent();
        assertThat(rotated.verify("jd-app", CURRENT)).isEmpty();
    }

    @Test
    void aClientNeedsOneOrTwoLongEnoughSecretsAndTheRefusalNamesNone() {
        assertThatThrownBy(() -> new ApiClients(clients("jd-app", List.of(), List.of()), 32))
                .hasMessageContaining("jd-app.secrets must hold 1 or 2 secrets");
        assertThatThrownBy(() -> new ApiClients(clients("jd-app", List.of(CURRENT, NEXT, CURRENT + "3"), List.of()), 32))
                .hasMessageContaining("not 3");
        assertThatThrownBy(() -> new ApiClients(clients("jd-app", List.of("short-secret"), List.of()), 32))
                .hasMessageContaining("at least 32 characters").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> new ApiClients(clients("a:b", List.of(CURRENT), List.of()), 32))
                .hasMessageContaining("not a valid client id");
    }

    @Test
    void theConfigurationPrintsNoSecret() {
        SecurityProperties.ApiClient client = clients("jd-app", List.of(CURRENT, NEXT), List.of()).get("jd-app");
        assertThat(client.toString()).doesNotContain(CURRENT).doesNotContain(NEXT).contains("2 (hidden)");
    }

    /**
     * The right secret passes even from a throttled source, so each answer tells whether a guess was right: what makes
     * guessing hopeless is the secret's entropy, checked at start-up (prod: at least 80 estimated bits; the sandbox
     * turns it off for its demo secrets).
     */
    @Test
    void aPredictableSecretIsRefusedAtStartUp() {
        int bits = new SecurityProperties().getApiClientMinSecretBits();
        assertThat(bits).isEqualTo(ApiClients.MIN_SECRET_BITS).isEqualTo(80);
        for (String predictable : List.of("a".repeat(40), "abab".repeat(10), "0123".repeat(8),
                "jd-app-" + "Xq7v9LmR2pK8wT4zN6bY1cF3hJ5dG0sQ", "changeme-Xq7v9LmR2pK8wT4zN6bY1cF3hJ5dG0sQ")) {
            assertThatThrownBy(() -> new ApiClients(clients("jd-app", List.of(predictable), List.of()), 32, bits))
                    .as(predictable).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("jd-app").hasMessageNotContaining(predictable);
        }
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String hex = java.util.HexFormat.of().formatHex(bytes); // 32 hexadecimal digits: 128 random bits
            assertThat(new ApiClients(clients("jd-app", List.of(hex), List.of()), 32, bits).verify("jd-app", hex)).isPresent();
        }
        String base64 = com.bindflow.support.ProdApplication.randomSecret();
        assertThat(ApiClients.estimatedBits(base64)).isGreaterThan(bits);
        assertThat(ApiClients.estimatedBits("a".repeat(40))).isZero();
    }
}
