package com.bindflow.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.shared.DmnDecisions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The engine evaluates {@code processes/eligibility.dmn} with the Java FEEL ({@code dmnFeelEnableLegacyBehavior} in
 * application.yaml, for speed): the file must give the same verdict there as on the Scala FEEL, for every combination
 * of facts around each rule's edge, and the verdicts the spec names must come out of it.
 */
class EligibilityTableFeelTest {

    private static final EligibilityRules JAVA_FEEL = rules(DmnDecisions.javaFeelEngine());
    private static final EligibilityRules SCALA_FEEL = rules(DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine());

    @Test
    void theTableGivesTheSameVerdictOnTheJavaFeelAsOnTheScalaFeelForEveryCombinationOfFacts() {
        List<EligibilityFacts> all = new ArrayList<>();
        for (String status : List.of("NORMAL", "FROZEN", "CLOSED")) {
            for (int accountClass : new int[] {1, 2, 3}) {
                for (int cards : new int[] {0, 1, 2}) {
                    for (int flags = 0; flags < 32; flags++) {
                        all.add(new EligibilityFacts(status, (flags & 1) != 0, accountClass, (flags & 2) != 0,
                                (flags & 4) != 0, (flags & 8) == 0, (flags & 16) == 0, cards));
                    }
                }
            }
        }
        for (EligibilityFacts facts : all) {
            assertThat(JAVA_FEEL.decide(facts)).as("%s", facts).isEqualTo(SCALA_FEEL.decide(facts));
        }
        assertThat(all).hasSize(3 * 3 * 3 * 32);
    }

    @Test
    void theJavaFeelGivesTheSpecsVerdicts() {
        EligibilityFacts ok = new EligibilityFacts("NORMAL", false, 3, false, false, true, true, 1);
        assertThat(JAVA_FEEL.decide(ok).outcome()).isEqualTo(Verdict.Outcome.ELIGIBLE);
        assertThat(JAVA_FEEL.decide(new EligibilityFacts("NORMAL", false, 3, false, true, true, true, 1)))
                .isEqualTo(new Verdict(Verdict.Outcome.REVIEW, List.of("CASH_OUT_HISTORY")));
        assertThat(JAVA_FEEL.decide(new EligibilityFacts("FROZEN", true, 2, true, true, false, false, 0)).reasons())
                .containsExactlyInAnyOrder("ENTERPRISE_ACCOUNT", "ACCOUNT_ABNORMAL", "ACCOUNT_OVERDUE",
                        "REAL_NAME_CLASS_INSUFFICIENT", "IDENTITY_MISMATCH", "WECHAT_PAY_NOT_ENABLED");
        assertThat(JAVA_FEEL.decide(new EligibilityFacts("NORMAL", false, 3, false, false, true, true, 0)))
                .isEqualTo(new Verdict(Verdict.Outcome.REJECTED, List.of("NO_BANK_CARD")));
    }

    private static EligibilityRules rules(DmnEngine dmn) {
        DmnDecision decision;
        try (InputStream in = Files.newInputStream(Path.of("processes/eligibility.dmn"))) {
            decision = dmn.parseDecision(EligibilityProcess.DECISION_ID, in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new EligibilityRules((key, variables) -> dmn.evaluateDecisionTable(decision, variables).getResultList());
    }
}
