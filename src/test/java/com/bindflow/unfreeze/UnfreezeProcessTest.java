package com.bindflow.unfreeze;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import com.bindflow.freeze.CreditLineFreeze;
import com.bindflow.freeze.CreditLineFreezeService;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.support.ProcessTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Process Unfreeze: every path (approve, reject then a new proof, SLA breach, no proof, a proof after closing). */
class UnfreezeProcessTest extends ProcessTestSupport {

    static final String USER = "demo-ok";
    static final String ATTEMPTS = "5 cross-city offline scans >= 1800.00 within 2 h: Shanghai 1950.00 10:05, "
            + "Beijing 1990.00 10:20, Guangzhou 1900.00 10:40, Shenzhen 1980.00 11:00, Hangzhou 1950.00 11:30";

    @Autowired
    CreditLineFreezeService freezes;
    @Autowired
    UnfreezeService unfreeze;
    @Autowired
    UnfreezeRepository cases;

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** A RISK freeze as the payments' risk pipeline records it; the process start job runs. */
    private UnfreezeCase riskFrozen(String evidenceRef) {
        freezes.freeze(USER, FreezeCause.RISK, ATTEMPTS, evidenceRef);
        runJobs();
        return unfreeze.latestCase(USER).orElseThrow();
    }

    static TravelProof proof(String documentRef) {
        return new TravelProof(List.of(
                new UnfreezeRequest.Trip("Shanghai", LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 10)),
                new UnfreezeRequest.Trip("Beijing", LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11))), documentRef);
    }

    private ProcessInstance instance(String caseId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(UnfreezeProcess.PROCESS_ID)
                .processInstanceBusinessKey(caseId).singleResult();
    }

    private long unfreezeInstances() {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(UnfreezeProcess.PROCESS_ID).count();
    }

    private Task reviewTask() {
        return taskQuery().taskDefinitionKey(UnfreezeProcess.TASK_REVIEW).singleResult();
    }

    private Task escalatedTask() {
        return taskQuery().taskDefinitionKey(UnfreezeProcess.TASK_ESCALATED_REVIEW).singleResult();
    }

    private void decide(Task task, String decision, String reason) {
        engine.getTaskService().complete(task.getId(), Map.of(UnfreezeProcess.VAR_REVIEW_DECISION, decision,
                UnfreezeProcess.VAR_REVIEW_REASON, reason));
    }

    private UnfreezeCase theCase(String id) {
        return cases.findCase(id).orElseThrow();
    }

    private Date proofDueVariable(ProcessInstance pi) {
        return (Date) engine.getRuntimeService().getVariable(pi.getId(), UnfreezeProcess.VAR_PROOF_DUE_AT);
    }

    // ---- the freeze ------------------------------------------------------------------------------------------------

    @Test
    void aRiskFreezeFreezesTheCreditLineOnceAndStartsOneCaseThatWaitsForAProof() {
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
        freezes.freeze(USER, FreezeCause.RISK, ATTEMPTS, "auth-1");
        freezes.freeze(USER, FreezeCause.RISK, "the same attempts reported again", "auth-1");

        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
        Assertions.assertThat(freezes.active(USER)).singleElement()
                .satisfies(f -> Assertions.assertThat(f.reason()).isEqualTo(ATTEMPTS))
                .satisfies(f -> Assertions.assertThat(f.frozenAt()).isEqualTo(T0));
        UnfreezeCase opened = unfreeze.latestCase(USER).orElseThrow();
        ProcessInstance pi = instance(opened.id());
        // started asynchronously: the caller's transaction only wrote the instance and its start job
        assertThat(pi).isWaitingAt(UnfreezeProcess.START_EVENT_FROZEN);
        Assertions.assertThat(unfreezeInstances()).isEqualTo(1);

        runJobs();
        assertThat(pi).isWaitingAt(UnfreezeProcess.GATEWAY_AWAIT_PROOF);
        Assertions.assertThat(opened.state()).isEqualTo(UnfreezeCase.State.AWAITING_PROOF);
        Assertions.assertThat(opened.proofDueAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
        Assertions.assertThat(proofDueVariable(pi)).isEqualTo(Date.from(T0.plus(Duration.ofDays(30))));
    }

    @Test
    void aFreezeIsPartOfTheCallersTransaction() {
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        tx.executeWithoutResult(status -> {
            freezes.freeze(USER, FreezeCause.RISK, ATTEMPTS, "auth-rolled-back");
            Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
            status.setRollbackOnly();
        });
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
        Assertions.assertThat(unfreeze.latestCase(USER)).isEmpty();
        Assertions.assertThat(unfreezeInstances()).isZero();

        tx.executeWithoutResult(status -> freezes.freeze(USER, FreezeCause.RISK, ATTEMPTS, "auth-committed"));
        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
        Assertions.assertThat(unfreezeInstances()).isEqualTo(1);
    }

    @Test
    void theSameFreezeFromManyNodesAtOnceIsRecordedOnceWithOneCaseAndNoCallerFails() throws Exception {
        List<Boolean> frozen = concurrently(8, i -> {
            freezes.freeze(USER, FreezeCause.RISK, ATTEMPTS, "auth-race");
            return freezes.isFrozen(USER);
        });
        Assertions.assertThat(frozen).containsOnly(true);
        Assertions.assertThat(jdbc.queryForObject("select count(*) from credit_line_freeze", Integer.class)).isEqualTo(1);
        Assertions.assertThat(jdbc.queryForObject("select count(*) from unfreeze_case", Integer.class)).isEqualTo(1);
        Assertions.assertThat(unfreezeInstances()).isEqualTo(1);
    }

    @Test
    void riskFreezesOfOneUserFromManyNodesAtOnceShareOneCase() throws Exception {
        concurrently(6, i -> {
            freezes.freeze(USER, FreezeCause.RISK, ATTEMPTS, "auth-" + i);
            return true;
        });
        Assertions.assertThat(freezes.active(USER)).hasSize(6);
        Assertions.assertThat(jdbc.queryForObject("select count(*) from unfreeze_case", Integer.class)).isEqualTo(1);
        Assertions.assertThat(unfreezeInstances()).isEqualTo(1);
    }

    // ---- approve ---------------------------------------------------------------------------------------------------

    @Test
    void anApprovedProofLiftsTheRiskFreezeAndEndsUnfrozen() {
        UnfreezeCase opened = riskFrozen("auth-1");
        ProcessInstance pi = instance(opened.id());

        setClock(T0.plus(Duration.ofHours(1)));
        UnfreezeRequest request = unfreeze.submit(USER, proof("12306-E123456789"));

        Assertions.assertThat(request.attempt()).isEqualTo(1);
        Assertions.assertThat(request.reviewDueAt()).isEqualTo(T0.plus(Duration.ofHours(13)));
        Assertions.assertThat(theCase(opened.id()).state()).isEqualTo(UnfreezeCase.State.UNDER_REVIEW);
        assertThat(pi).isWaitingAt(UnfreezeProcess.TASK_REVIEW);
        Task review = reviewTask();
        assertThat(review).hasCandidateGroup(UnfreezeProcess.GROUP_REVIEWERS)
                .hasDueDate(Date.from(T0.plus(Duration.ofHours(13))));
        // the reviewer sees what tripped the freeze beside the proof, and masked personal data only
        Map<String, Object> form = engine.getTaskService().getVariables(review.getId());
        Assertions.assertThat(form).containsEntry("maskedName", "*伟").containsEntry("maskedPhone", "138****8000")
                .containsEntry("documentRef", "12306-E123456789").containsEntry("attempt", 1)
                .containsEntry("reviewDueText", "2026-03-11 23:00").containsEntry("otherFreezes", "none")
                .doesNotContainKeys("realName", "phone", "idNumber");
        Assertions.assertThat((String) form.get("freezeEvidence")).contains("evidence auth-1", ATTEMPTS);
        Assertions.assertThat((String) form.get("trips"))
                .isEqualTo("1. Shanghai: 2026-03-09 to 2026-03-10\n2. Beijing: 2026-03-10 to 2026-03-11");

        decide(review, "APPROVE", "Train tickets match every city and time.");
        Assertions.assertThat(theCase(opened.id()).state()).isEqualTo(UnfreezeCase.State.APPROVED);
        assertThat(pi).isWaitingAt(UnfreezeProcess.TASK_LIFT_FREEZE);
        Assertions.assertThat(freezes.isFrozen(USER)).as("lifted by the async job").isTrue();

        runJobs();
        assertThat(pi).isEnded().hasPassedInOrder(UnfreezeProcess.END_EVENT_REVIEWER_DECIDED,
                UnfreezeProcess.TASK_LIFT_FREEZE, UnfreezeProcess.END_EVENT_UNFROZEN);
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
        UnfreezeCase ended = theCase(opened.id());
        Assertions.assertThat(ended.state()).isEqualTo(UnfreezeCase.State.UNFROZEN);
        Assertions.assertThat(ended.endedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        UnfreezeRequest decided = unfreeze.latestRequest(opened.id()).orElseThrow();
        Assertions.assertThat(decided.state()).isEqualTo(UnfreezeRequest.State.APPROVED);
        Assertions.assertThat(decided.decisionReason()).isEqualTo("Train tickets match every city and time.");
        String liftedReason = jdbc.queryForObject("select lifted_reason from credit_line_freeze", String.class);
        Assertions.assertThat(liftedReason).contains("Train tickets match every city and time.");

        // the job may run twice: nothing changes the second time
        setClock(T0.plus(Duration.ofHours(2)));
        unfreeze.liftApproved(opened.id(), decided.id());
        Assertions.assertThat(jdbc.queryForObject("select count(*) from unfreeze_case", Integer.class)).isEqualTo(1);
        Assertions.assertThat(jdbc.queryForObject("select lifted_reason from credit_line_freeze", String.class))
                .isEqualTo(liftedReason);
        Assertions.assertThat(theCase(opened.id()).endedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    // ---- reject, then a new proof ----------------------------------------------------------------------------------

    @Test
    void aRejectedProofKeepsTheLineFrozenWithTheReasonAndANewProofMayFollowWithin30DaysOfTheRejection() {
        UnfreezeCase opened = riskFrozen("auth-1");
        ProcessInstance pi = instance(opened.id());
        unfreeze.submit(USER, proof("doc-1"));

        Instant rejectedAt = T0.plus(Duration.ofDays(3));
        setClock(rejectedAt);
        runJobs();
        decide(reviewTask(), "REJECT", "The document shows another passenger.");

        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
        UnfreezeCase rejected = theCase(opened.id());
        Assertions.assertThat(rejected.state()).isEqualTo(UnfreezeCase.State.REJECTED);
        Assertions.assertThat(rejected.proofDueAt()).isEqualTo(rejectedAt.plus(Duration.ofDays(30)));
        Assertions.assertThat(unfreeze.latestRequest(opened.id()).orElseThrow().decisionReason())
                .isEqualTo("The document shows another passenger.");
        assertThat(pi).isWaitingAt(UnfreezeProcess.GATEWAY_AWAIT_PROOF);
        Assertions.assertThat(proofDueVariable(pi)).isEqualTo(Date.from(rejectedAt.plus(Duration.ofDays(30))));

        // 30 days after the freeze the case is still open: the wait restarted with the rejection
        setClock(rejectedAt.plus(Duration.ofDays(30)).minusSeconds(1));
        runJobs();
        assertThat(pi).isWaitingAt(UnfreezeProcess.GATEWAY_AWAIT_PROOF);

        UnfreezeRequest second = unfreeze.submit(USER, proof("doc-2"));
        Assertions.assertThat(second.attempt()).isEqualTo(2);
        Task review = reviewTask();
        Map<String, Object> form = engine.getTaskService().getVariables(review.getId());
        Assertions.assertThat(form).containsEntry("previousRejection", "The document shows another passenger.")
                .containsEntry("documentRef", "doc-2").containsEntry("attempt", 2);
        Assertions.assertThat(form.get("reviewDecision")).as("no decision prefilled from the first proof").isNull();

        decide(review, "APPROVE", "The new tickets are the customer's own.");
        runJobs();
        assertThat(pi).isEnded().hasPassed(UnfreezeProcess.END_EVENT_UNFROZEN);
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
    }

    @Test
    void aDecisionWithoutAReasonIsRefusedAndTheReviewStaysOpen() {
        riskFrozen("auth-1");
        unfreeze.submit(USER, proof("doc-1"));
        String id = reviewTask().getId();

        Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(id, Map.of("reviewDecision", "REJECT")))
                .hasMessageContaining("reviewReason");
        Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(id,
                Map.of("reviewDecision", "LATER", "reviewReason", "not sure"))).hasMessageContaining("reviewDecision");
        Assertions.assertThat(reviewTask()).isNotNull();
        Assertions.assertThat(unfreeze.latestCase(USER).orElseThrow().state()).isEqualTo(UnfreezeCase.State.UNDER_REVIEW);
    }

    // ---- SLA breach ------------------------------------------------------------------------------------------------

    @Test
    void aReviewPastTwelveHoursGoesToTheSupervisorsTooAndTheReviewersDecisionEndsBoth() {
        UnfreezeCase opened = riskFrozen("auth-1");
        ProcessInstance pi = instance(opened.id());
        UnfreezeRequest request = unfreeze.submit(USER, proof("doc-1"));

        setClock(T0.plus(Duration.ofHours(12)).minusSeconds(1));
        runJobs();
        Assertions.assertThat(escalatedTask()).isNull();

        setClock(T0.plus(Duration.ofHours(12)));
        runJobs();
        assertThat(escalatedTask()).hasCandidateGroup(UnfreezeProcess.GROUP_SUPERVISORS);
        assertThat(pi).isWaitingAt(UnfreezeProcess.TASK_REVIEW, UnfreezeProcess.TASK_ESCALATED_REVIEW);
        Assertions.assertThat(unfreeze.latestRequest(opened.id()).orElseThrow().escalatedAt())
                .isEqualTo(T0.plus(Duration.ofHours(12)));
        Assertions.assertThat(engine.getTaskService().getVariables(escalatedTask().getId()))
                .containsEntry("freezeEvidence", engine.getTaskService().getVariable(reviewTask().getId(), "freezeEvidence"))
                .containsEntry("documentRef", "doc-1");

        decide(reviewTask(), "APPROVE", "Late, but the tickets match.");
        Assertions.assertThat(escalatedTask()).as("closed with the decision").isNull();
        runJobs();
        assertThat(pi).isEnded().hasPassed(UnfreezeProcess.END_EVENT_REVIEWER_DECIDED, UnfreezeProcess.END_EVENT_UNFROZEN)
                .hasNotPassed(UnfreezeProcess.END_EVENT_SUPERVISOR_DECIDED);
        Assertions.assertThat(unfreeze.latestRequest(opened.id()).orElseThrow().id()).isEqualTo(request.id());
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
    }

    @Test
    void aSupervisorMayDecideTheOverdueReviewWhichEndsTheReviewersTask() {
        UnfreezeCase opened = riskFrozen("auth-1");
        ProcessInstance pi = instance(opened.id());
        unfreeze.submit(USER, proof("doc-1"));
        advance(Duration.ofHours(13));

        decide(escalatedTask(), "REJECT", "No boarding record for the Beijing leg.");

        Assertions.assertThat(reviewTask()).isNull();
        assertThat(pi).hasPassed(UnfreezeProcess.END_EVENT_SUPERVISOR_DECIDED).isWaitingAt(UnfreezeProcess.GATEWAY_AWAIT_PROOF);
        Assertions.assertThat(theCase(opened.id()).state()).isEqualTo(UnfreezeCase.State.REJECTED);
        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
    }

    // ---- no proof --------------------------------------------------------------------------------------------------

    @Test
    void withoutAProofIn30DaysTheCaseClosesStillFrozenAndALaterProofOpensANewCase() {
        UnfreezeCase opened = riskFrozen("auth-1");
        ProcessInstance pi = instance(opened.id());

        setClock(T0.plus(Duration.ofDays(30)).minusSeconds(1));
        runJobs();
        assertThat(pi).isWaitingAt(UnfreezeProcess.GATEWAY_AWAIT_PROOF);
        setClock(T0.plus(Duration.ofDays(30)));
        runJobs();

        assertThat(pi).isEnded().hasPassed(UnfreezeProcess.TIMER_NO_PROOF, UnfreezeProcess.END_EVENT_CLOSED_STILL_FROZEN);
        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
        UnfreezeCase closed = theCase(opened.id());
        Assertions.assertThat(closed.state()).isEqualTo(UnfreezeCase.State.CLOSED);
        Assertions.assertThat(closed.endedAt()).isEqualTo(T0.plus(Duration.ofDays(30)));

        // weeks later the customer comes back with a proof: a new case goes straight to review
        setClock(T0.plus(Duration.ofDays(45)));
        UnfreezeRequest late = unfreeze.submit(USER, proof("doc-late"));
        Assertions.assertThat(late.caseId()).isNotEqualTo(opened.id());
        Assertions.assertThat(late.attempt()).isEqualTo(1);
        ProcessInstance reopened = instance(late.caseId());
        assertThat(reopened).hasPassed(UnfreezeProcess.START_EVENT_PROOF_WITHOUT_OPEN_CASE)
                .isWaitingAt(UnfreezeProcess.TASK_REVIEW);
        Assertions.assertThat((String) engine.getTaskService().getVariable(reviewTask().getId(), "freezeEvidence"))
                .contains("evidence auth-1");

        decide(reviewTask(), "APPROVE", "Tickets match.");
        runJobs();
        assertThat(reopened).isEnded().hasPassed(UnfreezeProcess.END_EVENT_UNFROZEN);
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
    }

    // ---- several freezes -------------------------------------------------------------------------------------------

    @Test
    void anOverdueFreezeIsLiftedOnItsOwnAndTheReviewDoesNotLiftIt() {
        freezes.freeze(USER, FreezeCause.OVERDUE, "WeChat-channel repayment 31 days overdue: 560.00", "bill-2026-02");
        runJobs();
        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
        Assertions.assertThat(unfreezeInstances()).as("no review for an overdue freeze").isZero();

        UnfreezeCase opened = riskFrozen("auth-1");
        unfreeze.submit(USER, proof("doc-1"));
        Assertions.assertThat((String) engine.getTaskService().getVariable(reviewTask().getId(), "otherFreezes"))
                .contains("OVERDUE", "560.00", "not lifted by this review");
        decide(reviewTask(), "APPROVE", "Tickets match.");
        runJobs();

        Assertions.assertThat(theCase(opened.id()).state()).isEqualTo(UnfreezeCase.State.UNFROZEN);
        Assertions.assertThat(freezes.isFrozen(USER)).as("still overdue").isTrue();
        Assertions.assertThat(freezes.active(USER)).extracting(CreditLineFreeze::cause).containsExactly(FreezeCause.OVERDUE);

        Assertions.assertThat(freezes.lift(USER, FreezeCause.OVERDUE, "repaid 560.00")).isEqualTo(1);
        Assertions.assertThat(freezes.lift(USER, FreezeCause.OVERDUE, "repaid 560.00")).isZero();
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
    }

    @Test
    void aFreezeLiftedByItsEvidenceLiftsThatOneOnly() {
        freezes.freeze(USER, FreezeCause.OVERDUE, "WeChat-channel repayment overdue: 560.00", "overdue-a");
        freezes.freeze(USER, FreezeCause.OVERDUE, "WeChat-channel repayment overdue: 80.00", "overdue-b");
        freezes.freeze(USER, FreezeCause.RISK, ATTEMPTS, "overdue-a");
        runJobs();

        Assertions.assertThat(freezes.lift(USER, FreezeCause.OVERDUE, "overdue-a", "repaid 560.00")).isEqualTo(1);
        Assertions.assertThat(freezes.lift(USER, FreezeCause.OVERDUE, "overdue-a", "repaid 560.00")).as("idempotent").isZero();
        Assertions.assertThat(freezes.active(USER)).extracting(f -> f.cause() + " " + f.evidenceRef())
                .containsExactlyInAnyOrder("OVERDUE overdue-b", "RISK overdue-a");
        Assertions.assertThat(jdbc.queryForObject("select lifted_reason from credit_line_freeze where evidence_ref = ? "
                + "and cause = 'OVERDUE'", String.class, "overdue-a")).isEqualTo("repaid 560.00");
    }

    @Test
    void aRiskFreezeDuringTheReviewJoinsTheCaseAndOneAfterTheProofOutlivesTheApprovalInANewCase() {
        UnfreezeCase opened = riskFrozen("auth-1");
        setClock(T0.plus(Duration.ofMinutes(10)));
        freezes.freeze(USER, FreezeCause.RISK, "a sixth attempt", "auth-2");
        runJobs();
        Assertions.assertThat(unfreezeInstances()).as("joins the open case").isEqualTo(1);

        setClock(T0.plus(Duration.ofMinutes(20)));
        unfreeze.submit(USER, proof("doc-1"));
        Assertions.assertThat((String) engine.getTaskService().getVariable(reviewTask().getId(), "freezeEvidence"))
                .contains("evidence auth-1", "evidence auth-2", "a sixth attempt");

        setClock(T0.plus(Duration.ofMinutes(30)));
        freezes.freeze(USER, FreezeCause.RISK, "an attempt the reviewer has not seen", "auth-3");
        decide(reviewTask(), "APPROVE", "Tickets match.");
        runJobs();

        Assertions.assertThat(theCase(opened.id()).state()).isEqualTo(UnfreezeCase.State.UNFROZEN);
        Assertions.assertThat(freezes.active(USER)).extracting(CreditLineFreeze::evidenceRef).containsExactly("auth-3");
        UnfreezeCase next = unfreeze.latestCase(USER).orElseThrow();
        Assertions.assertThat(next.id()).isNotEqualTo(opened.id());
        Assertions.assertThat(next.state()).isEqualTo(UnfreezeCase.State.AWAITING_PROOF);
        Assertions.assertThat(next.openedByFreezeId()).isEqualTo(freezes.active(USER).get(0).id());
        assertThat(instance(next.id())).isWaitingAt(UnfreezeProcess.GATEWAY_AWAIT_PROOF);
    }
}
