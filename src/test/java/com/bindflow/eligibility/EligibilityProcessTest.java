package com.bindflow.eligibility;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingProcess;
import com.bindflow.binding.BindingStatus;
import com.bindflow.support.ProcessTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EligibilityProcessTest extends ProcessTestSupport {

    /** Wednesday 2026-09-30 10:00, the working day before National Day (Oct 1–7 off, Sat Oct 10 worked). */
    private static final Instant BEFORE_NATIONAL_DAY = OffsetDateTime.parse("2026-09-30T10:00:00+08:00").toInstant();
    private static final Instant REVIEW_DUE = OffsetDateTime.parse("2026-10-10T10:00:00+08:00").toInstant();

    @Test
    void theEngineDecidesOnTheJavaFeelAndKeepsTheDecisionWithItsInputsInHistory() {
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        Assertions.assertThat(configuration.isDmnFeelEnableLegacyBehavior()).isTrue();
        Binding binding = startBinding("demo-cashout");
        runJobs();
        var decision = engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .processInstanceId(eligibilityInstance(binding.id()).getId()).includeInputs().includeOutputs().singleResult();
        Assertions.assertThat(decision.getInputs()).hasSize(8);
        Assertions.assertThat(decision.getOutputs())
                .extracting(org.camunda.bpm.engine.history.HistoricDecisionOutputInstance::getValue)
                .contains("REVIEW", "CASH_OUT_HISTORY");
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "demo-ok,            AWAITING_AGREEMENT, ''",
            "demo-overdue,       REJECTED,           ACCOUNT_OVERDUE",
            "demo-abnormal,      REJECTED,           ACCOUNT_ABNORMAL",
            "demo-class2,        REJECTED,           REAL_NAME_CLASS_INSUFFICIENT",
            "demo-id-mismatch,   REJECTED,           IDENTITY_MISMATCH",
            "demo-wechat-off,    REJECTED,           WECHAT_PAY_NOT_ENABLED",
            "demo-no-card,       REJECTED,           NO_BANK_CARD",
            "demo-enterprise,    REJECTED,           ENTERPRISE_ACCOUNT",
            "demo-cashout,       UNDER_REVIEW,       CASH_OUT_HISTORY",
            "demo-3rdparty-off,  AWAITING_AGREEMENT, ''",
    })
    void everyPersonaReachesItsStatus(String userId, BindingStatus expected, String reason) {
        Binding started = startBinding(userId);
        Assertions.assertThat(started.status()).isEqualTo(BindingStatus.CHECKING_ELIGIBILITY);

        runJobs();

        Binding binding = binding(started.id());
        Assertions.assertThat(binding.status()).isEqualTo(expected);
        if (reason.isEmpty()) {
            Assertions.assertThat(binding.reasonCodes()).isEmpty();
        } else {
            Assertions.assertThat(binding.reasonCodes()).containsExactly(reason);
        }
    }

    @Test
    void cashOutHistoryOpensAReviewDueThreeWorkingDaysLaterSkippingNationalDay() {
        setClock(BEFORE_NATIONAL_DAY);
        Binding binding = startBinding("demo-cashout");
        runJobs();

        ProcessInstance eligibility = eligibilityInstance(binding.id());
        assertThat(eligibility).isWaitingAt(EligibilityProcess.TASK_REVIEW);
        Task review = task(eligibility);
        assertThat(review).hasCandidateGroup(EligibilityProcess.GROUP_REVIEWERS).hasDueDate(java.util.Date.from(REVIEW_DUE));
        Assertions.assertThat(binding(binding.id()).reviewDueAt()).isEqualTo(REVIEW_DUE);
        Assertions.assertThat(binding(binding.id()).status()).isEqualTo(BindingStatus.UNDER_REVIEW);
        // the reviewer sees masked personal data only
        Map<String, Object> variables = engine.getTaskService().getVariables(review.getId());
        Assertions.assertThat(variables).containsEntry("maskedName", "*杰").containsEntry("maskedPhone", "138****8008")
                .containsEntry("maskedIdNumber", "350***********6617").doesNotContainKeys("realName", "idNumber", "phone");

        setClock(REVIEW_DUE.minusSeconds(1));
        runJobs();
        Assertions.assertThat(followUpTasks()).isEmpty();

        setClock(REVIEW_DUE);
        runJobs();
        Assertions.assertThat(followUpTasks()).hasSize(1);
        assertThat(followUpTasks().get(0)).hasCandidateGroup(EligibilityProcess.GROUP_CUSTOMER_SERVICE);
        assertThat(eligibility).isWaitingAt(EligibilityProcess.TASK_REVIEW, EligibilityProcess.TASK_FOLLOW_UP);
    }

    @Test
    void approvalLeadsToTheAgreementAndClosesAnOpenFollowUp() {
        Binding binding = startBinding("demo-cashout");
        runJobs();
        advance(Duration.ofDays(10));
        Assertions.assertThat(followUpTasks()).hasSize(1);
        ProcessInstance eligibility = eligibilityInstance(binding.id());

        engine.getTaskService().complete(reviewTask().getId(),
                Map.of("reviewDecision", "APPROVE", "reviewReason", "Cash-out was a refund, verified with the merchant."));

        Assertions.assertThat(binding(binding.id()).status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
        Assertions.assertThat(followUpTasks()).isEmpty();
        assertThat(eligibility).isEnded().hasPassed(EligibilityProcess.END_EVENT_REVIEW_APPROVED);
        assertThat(bindingInstance(binding.id())).isWaitingAt(BindingProcess.TASK_AWAIT_AGREEMENT);
    }

    @Test
    void rejectionEndsTheBindingWithTheReviewersReason() {
        Binding binding = startBinding("demo-cashout");
        ProcessInstance process = bindingInstance(binding.id());
        runJobs();
        ProcessInstance eligibility = eligibilityInstance(binding.id());

        engine.getTaskService().complete(reviewTask().getId(),
                Map.of("reviewDecision", "REJECT", "reviewReason", "Repeated cash-out in 2026."));

        Binding rejected = binding(binding.id());
        Assertions.assertThat(rejected.status()).isEqualTo(BindingStatus.REJECTED);
        Assertions.assertThat(rejected.reasonCodes()).containsExactly("REVIEW_REJECTED");
        Assertions.assertThat(rejected.statusMessage()).contains("Repeated cash-out in 2026.");
        Assertions.assertThat(bindingRepository.openBindingOf("demo-cashout")).isEmpty();
        assertThat(eligibility).isEnded().hasPassed(EligibilityProcess.END_EVENT_REVIEW_REJECTED);
        assertThat(process).isEnded().hasPassed(BindingProcess.GATEWAY_ELIGIBLE, BindingProcess.END_EVENT_BINDING_FAILED)
                .hasNotPassed(BindingProcess.TASK_AWAIT_AGREEMENT);
    }

    @Test
    void customerServiceClosesItsFollowUpWhileTheReviewStaysOpen() {
        Binding binding = startBinding("demo-cashout");
        runJobs();
        advance(Duration.ofDays(10));

        engine.getTaskService().complete(followUpTasks().get(0).getId(),
                Map.of("followUpOutcome", "CUSTOMER_INFORMED", "followUpNote", "Told the customer it is being reviewed."));

        assertThat(eligibilityInstance(binding.id())).hasPassed(EligibilityProcess.END_EVENT_FOLLOW_UP_DONE)
                .isWaitingAt(EligibilityProcess.TASK_REVIEW);
        Assertions.assertThat(binding(binding.id()).status()).isEqualTo(BindingStatus.UNDER_REVIEW);
    }

    @Test
    void aRejectionWithoutReasonOrNoDecisionIsRefusedAndStaysOpen() {
        startBinding("demo-cashout");
        runJobs();
        String id = reviewTask().getId();

        Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(id, Map.of("reviewDecision", "REJECT")))
                .hasMessageContaining("Reason for rejecting (reviewReason) is required when rejecting");
        Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(id,
                Map.of("reviewDecision", "REJECT", "reviewReason", "   "))).hasMessageContaining("reviewReason");
        Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(id,
                Map.of("reviewDecision", "MAYBE", "reviewReason", "not sure"))).hasMessageContaining("reviewDecision");
        Assertions.assertThat(engine.getTaskService().createTaskQuery().taskId(id).singleResult()).isNotNull();
    }

    @Test
    void anApprovalNeedsNoReason() {
        Binding binding = startBinding("demo-cashout");
        runJobs();

        engine.getTaskService().complete(reviewTask().getId(), Map.of("reviewDecision", "APPROVE"));
        runJobs();

        Assertions.assertThat(binding(binding.id()).status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
    }

    @Test
    void anOutsideSystemThatKeepsFailingBecomesAnIncidentNotAVerdict() {
        Binding binding = startBinding("demo-jd-outage");

        for (int attempt = 0; attempt < 3; attempt++) {
            runJobs();
            setClock(now().plusSeconds(10));
        }
        runJobs();

        ProcessInstance eligibility = eligibilityInstance(binding.id());
        Job job = engine.getManagementService().createJobQuery().processInstanceId(eligibility.getId()).singleResult();
        Assertions.assertThat(job.getRetries()).isZero();
        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(eligibility.getId()).singleResult();
        Assertions.assertThat(incident.getActivityId()).isEqualTo(EligibilityProcess.TASK_FETCH_ACCOUNT_FACTS);
        Assertions.assertThat(incident.getIncidentMessage()).contains("JD Finance unavailable");
        Assertions.assertThat(binding(binding.id()).status()).isEqualTo(BindingStatus.CHECKING_ELIGIBILITY);

        // an operator's retry (Cockpit: "retry") runs the job again; it fails again while JD Finance is down
        engine.getManagementService().setJobRetries(job.getId(), 1);
        runJobs();
        Assertions.assertThat(binding(binding.id()).status()).isEqualTo(BindingStatus.CHECKING_ELIGIBILITY);
        Assertions.assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(eligibility.getId()).count())
                .isEqualTo(1);
    }

    @Test
    void theFactsGatheredAreOneVariableAndEachAVariableOfItsOwnOnlyForAReview() throws Exception {
        Binding eligible = startBinding("demo-ok");
        runJobs();
        String check = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(EligibilityProcess.PROCESS_ID).processInstanceBusinessKey(eligible.id()).singleResult().getId();
        Map<String, Object> variables = new java.util.HashMap<>();
        engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(check).list()
                .forEach(v -> variables.put(v.getName(), v.getValue()));
        Assertions.assertThat(variables).containsKey(EligibilityProcess.VAR_FACTS)
                .doesNotContainKeys("accountStatus", "maskedName", "identityMatch", "bankCardCount");
        Map<String, Object> facts = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                (String) variables.get(EligibilityProcess.VAR_FACTS), new com.fasterxml.jackson.core.type.TypeReference<>() {
                });
        Assertions.assertThat(facts.keySet()).containsExactlyInAnyOrder("accountStatus", "overdue", "accountClass",
                "enterprise", "cashOutHistory", "maskedName", "maskedIdNumber", "maskedPhone", "identityResult",
                "identityMatch", "wechatPayEnabled", "bankCardCount", "thirdPartyAuthorization");
        Assertions.assertThat(facts).containsEntry("identityMatch", true).containsEntry("bankCardCount", 2)
                .containsEntry("cashOutHistory", false);

        Binding reviewed = startBinding("demo-cashout");
        runJobs();
        Assertions.assertThat(engine.getRuntimeService().getVariables(eligibilityInstance(reviewed.id()).getId()))
                .containsEntry("accountStatus", "NORMAL").containsEntry("cashOutHistory", true)
                .containsEntry("identityMatch", true).containsKey(EligibilityProcess.VAR_FACTS);
    }

    @Test
    void aCheckWhoseFirstFetchRanOnTheEarlierVersionWithAVariablePerFactIsDecidedOnThoseFacts() throws Exception {
        Binding binding = startBinding("demo-cashout");
        ProcessInstance check = eligibilityInstance(binding.id());
        Job accountFetch = engine.getManagementService().createJobQuery().processInstanceId(check.getId()).singleResult();
        engine.getManagementService().executeJob(accountFetch.getId());
        // as the earlier version left it: the account's facts one variable each, no eligibilityFacts
        Map<String, Object> account = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                (String) engine.getRuntimeService().getVariable(check.getId(), EligibilityProcess.VAR_FACTS),
                new com.fasterxml.jackson.core.type.TypeReference<>() {
                });
        engine.getRuntimeService().removeVariable(check.getId(), EligibilityProcess.VAR_FACTS);
        engine.getRuntimeService().setVariables(check.getId(), account);

        runJobs();   // identity, wallet and the decision on this version
        Assertions.assertThat(binding(binding.id()).status()).isEqualTo(BindingStatus.UNDER_REVIEW);
        Assertions.assertThat(binding(binding.id()).reasonCodes()).containsExactly("CASH_OUT_HISTORY");
        Assertions.assertThat(engine.getRuntimeService().getVariables(check.getId())).containsEntry("maskedName", "*杰")
                .containsEntry("identityMatch", true).containsEntry("bankCardCount", 1);
    }

    private Task reviewTask() {
        return taskQuery().taskDefinitionKey(EligibilityProcess.TASK_REVIEW).singleResult();
    }

    private java.util.List<Task> followUpTasks() {
        return taskQuery().taskDefinitionKey(EligibilityProcess.TASK_FOLLOW_UP).list();
    }
}
