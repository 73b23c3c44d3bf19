package com.bindflow.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinitionQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The latest deployed version of a table, looked up without making one evaluation wait for another's lookup. */
class DeployedDecisionsTest {

    private final RepositoryService repository = mock(RepositoryService.class);
    /** What the repository answers when asked for the latest version: the version's id, or it blocks or fails. */
    private final AtomicReference<Callable<String>> latest = new AtomicReference<>(() -> "v1");
    private final AtomicInteger lookups = new AtomicInteger();
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    DeployedDecisionsTest() {
        when(repository.createDecisionDefinitionQuery()).thenAnswer(ask -> {
            DecisionDefinitionQuery query = mock(DecisionDefinitionQuery.class, Mockito.RETURNS_SELF);
            when(query.singleResult()).thenAnswer(result -> {
                lookups.incrementAndGet();
                DecisionDefinition definition = mock(DecisionDefinition.class);
                String id = latest.get().call();
                when(definition.getId()).thenReturn(id);
                return definition;
            });
            return query;
        });
        when(repository.getDecisionModel(Mockito.anyString())).thenAnswer(model -> new ByteArrayInputStream(
                table(model.getArgument(0)).getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    /** A one-row table whose answer is its version's id. */
    private static String table(String version) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="test">
                  <decision id="limits" name="limits">
                    <decisionTable id="t" hitPolicy="FIRST">
                      <input id="i"><inputExpression id="e" typeRef="string"><text>x</text></inputExpression></input>
                      <output id="o" name="version" typeRef="string"/>
                      <rule id="r"><inputEntry id="ie"><text>-</text></inputEntry>
                        <outputEntry id="oe"><text>"%s"</text></outputEntry></rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(version);
    }

    /** From now on the repository cannot be asked. */
    private void lookupsFail() {
        latest.set(() -> {
            throw new IllegalStateException("database gone");
        });
    }

    /** The table's versions as the repository answers, looked up again once {@code refresh} passed. */
    private DeployedDecisions decisions(Duration refresh) {
        return new DeployedDecisions(repository, DmnDecisions.javaFeelEngine(), refresh);
    }

    private static Object version(DeployedDecisions decisions) {
        return decisions.evaluate("limits", Map.of("x", "a")).get(0).get("version");
    }

    @Test
    void whileOneEvaluationAsksForANewerVersionTheOthersEvaluateTheVersionTheyHave() throws Exception {
        DeployedDecisions decisions = decisions(Duration.ofNanos(1));
        assertThat(version(decisions)).isEqualTo("v1");

        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        latest.set(() -> {
            asking.countDown();
            assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
            return "v2";
        });
        Future<Object> asker = other.submit(() -> version(decisions));
        try {
            assertThat(asking.await(10, TimeUnit.SECONDS)).isTrue();
            // the version is due to be checked again, but another evaluation is checking it: this one does not wait
            Object meanwhile = CompletableFuture.supplyAsync(() -> version(decisions)).get(5, TimeUnit.SECONDS);
            assertThat(meanwhile).isEqualTo("v1");
            assertThat(lookups).hasValue(2);
        } finally {
            answer.countDown();
        }
        assertThat(asker.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
        latest.set(() -> "v2");
        assertThat(version(decisions)).isEqualTo("v2");
    }

    @Test
    void aLookupThatFailsKeepsTheVersionInForceAndTheNextDueEvaluationAsksAgain() {
        DeployedDecisions decisions = decisions(Duration.ofNanos(1));
        assertThat(version(decisions)).isEqualTo("v1");
        lookupsFail();
        assertThat(version(decisions)).isEqualTo("v1");
        assertThat(version(decisions)).isEqualTo("v1");
        assertThat(lookups).hasValue(3);
        latest.set(() -> "v2");
        assertThat(version(decisions)).isEqualTo("v2");
    }

    @Test
    void aTableWhoseFirstLookupFailsHasNoVersionToFallBackOn() {
        DeployedDecisions decisions = decisions(Duration.ofHours(1));
        lookupsFail();
        assertThatThrownBy(() -> version(decisions)).hasMessageContaining("database gone");
        latest.set(() -> "v1");
        assertThat(version(decisions)).isEqualTo("v1");
    }

    @Test
    void aFreshVersionIsNotLookedUpAgainAndWithNoRefreshEveryEvaluationLooksUp() {
        DeployedDecisions cached = decisions(Duration.ofHours(1));
        version(cached);
        version(cached);
        assertThat(lookups).hasValue(1);

        DeployedDecisions atOnce = decisions(Duration.ZERO);
        version(atOnce);
        latest.set(() -> "v2");
        assertThat(version(atOnce)).isEqualTo("v2");
        assertThat(lookups).hasValue(3);
    }
}
