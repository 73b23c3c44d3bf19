package com.bindflow.security;

import com.bindflow.shared.RequestHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API clients and their secrets, from the configuration ({@code bindflow.security.api-clients}; in production the
 * secrets come from the environment). Not Camunda users: a secret is checked here, in memory, so no number of wrong
 * attempts locks a client out (Camunda locks a user for good after 10 wrong passwords), and every node checks the
 * same way without any shared state.
 *
 * <p>A client has one secret, or two while a secret is rotated: both are valid until the old one is removed from the
 * configuration. Only SHA-256 digests of the secrets are kept; a presented secret is hashed and compared with every
 * digest of the client in constant time ({@link MessageDigest#isEqual}), an unknown client with as many dummy digests,
 * so the time of an answer tells nothing about the secret. Secrets are never logged or printed.
 *
 * <p>Every client is a member of {@value BindflowGroups#API_CLIENTS} and of the groups configured for it.
 */
public final class ApiClients {

    /** The most secrets a client may have at once: the current one and the next (or previous) during a rotation. */
    public static final int MAX_SECRETS = 2;

    /**
     * The least estimated entropy of a secret in production, in bits ({@link #estimatedBits}): 32 random hexadecimal
     * digits estimate about 110 (in 10,000 draws never below 93), 32 random base64 characters about 145; a run of one character, a short alphabet
     * repeated, does not reach it. Besides, a secret that contains the client's id or a placeholder word
     * ({@link #PLACEHOLDERS}) is refused.
     */
    public static final int MIN_SECRET_BITS = 80;

    /** Words that mark a placeholder, not a secret (any case). */
    static final List<String> PLACEHOLDERS = List.of("changeme", "change-me", "change_me", "password", "secret", "example",
            "placeholder");

    /** An authenticated API client: its id and groups. */
    public record Client(String id, Set<String> groups) {
    }

    private record Known(Client client, List<byte[]> digests) {
    }

    private final Map<String, Known> byId = new LinkedHashMap<>();
    private final List<byte[]> unknownClient;

    /** Checks the configuration at start-up: a refusal names the client and what is wrong, never a secret. */
    public ApiClients(Map<String, SecurityProperties.ApiClient> configured, int minSecretLength) {
        this(configured, minSecretLength, 0);
    }

    /**
     * {@code minSecretBits}: the least {@link #estimatedBits} of every secret (0: no check). The right secret passes
     * even from a source that is throttled for wrong ones (nobody can lock a client out), so each answer tells a stranger
     * whether a guess was right: what makes guessing hopeless is the secret's entropy, checked here at start-up.
     */
    public ApiClients(Map<String, SecurityProperties.ApiClient> configured, int minSecretLength, int minSecretBits) {
        configured.forEach((id, client) -> {
            if (id == null || id.isBlank() || id.contains(":") || !id.equals(id.strip())) {
                throw new IllegalStateException("bindflow.security.api-clients: '" + id
                        + "' is not a valid client id (not blank, no ':' and no spaces around it)");
            }
            List<String> secrets = client.getSecrets();
            if (secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
                throw new IllegalStateException("bindflow.security.api-clients." + id + ".secrets must hold 1 or "
                        + MAX_SECRETS + " secrets (two while one is rotated), not " + secrets.size());
            }
            for (String secret : secrets) {
                if (secret == null || secret.isBlank() || secret.length() < minSecretLength) {
                    throw new IllegalStateException("bindflow.security.api-clients." + id + ".secrets: every secret must "
                            + "have at least " + minSecretLength + " characters (bindflow.security.api-client-min-secret-length)");
                }
                String lower = secret.toLowerCase(java.util.Locale.ROOT);
                if (minSecretBits > 0 && (lower.contains(id.toLowerCase(java.util.Locale.ROOT))
                        || PLACEHOLDERS.stream().anyMatch(lower::contains))) {
                    throw new IllegalStateException("bindflow.security.api-clients." + id + ".secrets: a secret contains "
                            + "the client id or a placeholder word; generate one, e.g. openssl rand -base64 32");
                }
                if (estimatedBits(secret) < minSecretBits) {
                    throw new IllegalStateException("bindflow.security.api-clients." + id + ".secrets: a secret is too "
                            + "predictable (estimated entropy below " + minSecretBits + " bits, "
                            + "bindflow.security.api-client-min-secret-bits); generate one, e.g. openssl rand -base64 32");
                }
            }
            Set<String> groups = new LinkedHashSet<>();
            groups.add(BindflowGroups.API_CLIENTS);
            client.getGroups().forEach(groups::add);
            byId.put(id, new Known(new Client(id, Set.copyOf(groups)), secrets.stream().map(ApiClients::sha256).toList()));
        });
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        byte[] nobody = sha256(new String(random, StandardCharsets.ISO_8859_1));
        unknownClient = List.of(nobody, nobody);
    }

    /**
     * A rough estimate of a secret's entropy in bits: its length times the empirical Shannon entropy of its characters
     * (a character repeated or drawn from few counts little). A floor against placeholders and patterns, not a proof of
     * randomness.
     */
    public static double estimatedBits(String secret) {
        if (secret == null || secret.isEmpty()) {
            return 0;
        }
        Map<Integer, Integer> counts = new java.util.HashMap<>();
        secret.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int length = secret.codePointCount(0, secret.length());
        double perCharacter = 0;
        for (int n : counts.values()) {
            double p = (double) n / length;
            perCharacter -= p * Math.log(p) / Math.log(2);
        }
        return perCharacter * length;
    }

    /** The client whose id and secret these are, or empty. Constant time in the secret. */
    public Optional<Client> verify(String id, String secret) {
        if (id == null || secret == null) {
            return Optional.empty();
        }
        byte[] presented = sha256(secret);
        Known known = byId.get(id);
        List<byte[]> digests = known == null ? unknownClient : known.digests();
        boolean match = false;
        for (int i = 0; i < MAX_SECRETS; i++) {
            // as many comparisons for every client, whether it has one secret or two
            match |= MessageDigest.isEqual(digests.get(Math.min(i, digests.size() - 1)), presented);
        }
        return known != null && match ? Optional.of(known.client()) : Optional.empty();
    }

    public Set<String> ids() {
        return Set.copyOf(byId.keySet());
    }

    private static byte[] sha256(String secret) {
        return RequestHash.sha256(secret.getBytes(StandardCharsets.UTF_8));
    }
}
