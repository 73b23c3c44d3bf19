package com.bindflow.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest deployed version of a decision table, parsed once per version and evaluated in memory: no decision
 * history rows (for rules read often whose caller records the outcome itself: fee quotes, payment limits). At most
 * every {@code refresh} a node asks the repository whether a newer version was deployed, so an operator's change
 * reaches every node within that time ({@link Duration#ZERO}: asked on every evaluation, the change applies at once);
 * while one evaluation asks, the others evaluate the version they have, and a look-up that fails keeps it.
 */
public final class DeployedDecisions implements DecisionTable {

    private static final Logger log = LoggerFactory.getLogger(DeployedDecisions.class);

    private final RepositoryService repository;
    private final DmnEngine dmn;
    private final long refreshNanos;
    private final Map<String, Parsed> byKey = new ConcurrentHashMap<>();

    /** A parsed version, when it was last checked against the repository, and whether a thread is checking it now. */
    private record Parsed(String definitionId, DmnDecision decision, long checkedAt, AtomicBoolean checking) {

        Parsed(String definitionId, DmnDecision decision) {
            this(definitionId, decision, System.nanoTime(), new AtomicBoolean());
        }
    }

    public DeployedDecisions(RepositoryService repository, DmnEngine dmn, Duration refresh) {
        this.repository = repository;
        this.dmn = dmn;
        this.refreshNanos = refresh.toNanos();
    }

    /** With the process engine's FEEL, asking for the latest version on every evaluation. */
    public DeployedDecisions(RepositoryService repository) {
        this(repository, DmnDecisions.defaultEngine(), Duration.ZERO);
    }

    @Override
    public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> variables) {
        return dmn.evaluateDecisionTable(current(decisionKey), variables).getResultList();
    }

    /**
     * The version in force. Once a version is parsed, one thread at a time asks the repository for a newer one when it
     * is due (and parses it, if there is one), and the others go on with the version they have meanwhile: a payment
     * never waits for another's look-up. With a refresh of zero every evaluation asks itself. A look-up that fails
     * keeps the version in force until the next look-up is due. Only a table's first evaluation has no version
     * to fall back on: it waits for the look-up and the parsing, and fails with them.
     */
    private DmnDecision current(String key) {
        Parsed parsed = byKey.get(key);
        if (parsed == null) {
            return byKey.computeIfAbsent(key, k -> latest(k, null)).decision();
        }
        if (fresh(parsed) || (refreshNanos > 0 && !parsed.checking().compareAndSet(false, true))) {
            return parsed.decision();
        }
        try {
            Parsed now = byKey.get(key);
            if (now != parsed) {   // another thread replaced it since this one read it
                return now.decision();
            }
            Parsed latest = latest(key, parsed);
            byKey.replace(key, parsed, latest);
            return latest.decision();
        } catch (RuntimeException e) {
            // the version in force stays until the next look-up is due (one warning per refresh, not per payment)
            byKey.replace(key, parsed, new Parsed(parsed.definitionId(), parsed.decision()));
            log.warn("could not look up the latest version of decision '{}'; the version in force ({}) stays: {}", key,
                    parsed.definitionId(), e.toString());
            return parsed.decision();
        } finally {
            parsed.checking().set(false);   // the replaced entry's flag, or the one kept after a failed look-up
        }
    }

    /** The latest deployed version, parsed unless it is the one {@code known}. */
    private Parsed latest(String key, Parsed known) {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .latestVersion().singleResult();
        if (latest == null) {
            throw new IllegalStateException("no decision '" + key + "' is deployed");
        }
        if (known != null && known.definitionId().equals(latest.getId())) {
            return new Parsed(known.definitionId(), known.decision());
        }
        try (InputStream model = repository.getDecisionModel(latest.getId())) {
            return new Parsed(latest.getId(), dmn.parseDecision(key, model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean fresh(Parsed parsed) {
        return System.nanoTime() - parsed.checkedAt() < refreshNanos;   // a cache's age, not business time
    }
}
