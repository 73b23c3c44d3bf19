package com.bindflow.overdue;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.bindflow.channel.Channel;
import com.bindflow.fees.OverduePenalties;
import com.bindflow.freeze.CreditLineFreeze;
import com.bindflow.freeze.CreditLineFreezeService;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.support.ProcessTestSupport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Process Overdue on the test clock (T0 = Wed 2026-03-11 10:00 Beijing): the WeChat-channel freeze, the daily penalty
 * (1000.00 x 0.05 % = 0.50 a day, checked by hand), repayments, and the freeze lifted only when it should be.
 */
class OverdueProcessTest extends ProcessTestSupport {

    static final String USER = "demo-ok";
    static final LocalDate DUE = LocalDate.of(2026, 3, 9);
    static final BigDecimal THOUSAND = new BigDecimal("1000.00");
    static final Instant NEXT_MIDNIGHT = OffsetDateTime.parse("2026-03-12T00:00:00+08:00").toInstant();

    @Autowired
    OverdueService overdues;
    @Autowired
    CreditLineFreezeService freezes;
    @Autowired
    OverduePenalties penalties;

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private OverdueLedger reported(Channel channel, BigDecimal amount, LocalDate dueDate) {
        return overdues.report("jd-finance", UUID.randomUUID().toString(), USER,
                new OverdueService.Report(channel, amount, dueDate)).overdue();
    }

    private Repayment repay(String caseId, String amount) {
        return overdues.repay("jd-app", UUID.randomUUID().toString(), USER,
                new OverdueService.Repay(caseId, new BigDecimal(amount))).repayment();
    }

    private OverdueLedger current(String caseId) {
        return overdues.overdue(USER, caseId);
    }

    private ProcessInstance instance(String caseId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(OverdueProcess.PROCESS_ID)
                .processInstanceBusinessKey(caseId).singleResult();
    }

    private boolean ended(String caseId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .finished().count() == 1;
    }

    private List<String> endEvents(String caseId) {
        String id = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .singleResult().getId();
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id).activityType("noneEndEvent")
                .list().stream().map(a -> a.getActivityId()).toList();
    }

    private int accrualRows(String caseId) {
        return jdbc.queryForObject("select count(*) from overdue_accrual where case_id = ?", Integer.class, caseId);
    }

    private Job timer(ProcessInstance pi) {
        return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    }

    private List<String> activeFreezeEvidence() {
        return freezes.active(USER).stream().map(CreditLineFreeze::evidenceRef).toList();
    }

    // ---- the freeze and the daily penalty --------------------------------------------------------------------------

    @Test
    void aWeChatOverdueFreezesTheWholeCreditLineAndTheDaysAlreadyOverdueArePostedAtOnce() {
        OverdueLedger opened = reported(Channel.WECHAT, THOUSAND, DUE);
        String caseId = opened.overdue().id();

        // due 9 March, reported 11 March: the 10th and the 11th, 0.50 each
        Assertions.assertThat(opened.accruedThrough()).isEqualTo(LocalDate.of(2026, 3, 11));
        Assertions.assertThat(opened.penaltyAccrued()).isEqualByComparingTo("1.00");
        Assertions.assertThat(opened.outstanding()).isEqualByComparingTo("1001.00");
        ProcessInstance pi = instance(caseId);
        assertThat(pi).isWaitingAt(OverdueProcess.TASK_FREEZE_CREDIT_LINE);
        Assertions.assertThat(freezes.isFrozen(USER)).as("the freeze is a job, a moment later").isFalse();

        runJobs();
        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
        CreditLineFreeze freeze = freezes.active(USER).get(0);
        Assertions.assertThat(freeze.cause()).isEqualTo(FreezeCause.OVERDUE);
        Assertions.assertThat(freeze.evidenceRef()).isEqualTo("overdue-" + caseId);
        Assertions.assertThat(freeze.reason()).contains("WECHAT", "1000.00", "2026-03-09");
        assertThat(pi).isWaitingAt(OverdueProcess.GATEWAY_AWAIT_REPAYMENT).hasPassed(OverdueProcess.TASK_ACCRUE_PENALTY)
                .variables().containsEntry(OverdueProcess.VAR_LINE_FROZEN, true).containsEntry(OverdueProcess.VAR_SETTLED, false);
        Assertions.assertThat(timer(pi).getDuedate()).isEqualTo(Date.from(NEXT_MIDNIGHT));
        Assertions.assertThat(accrualRows(caseId)).as("the job found both days posted").isEqualTo(2);
    }

    @Test
    void thePenaltyAccruesEveryDayOnTheTestClock() {
        String caseId = reported(Channel.WECHAT, THOUSAND, DUE).overdue().id();
        runJobs();
        ProcessInstance pi = instance(caseId);

        advance(Duration.ofHours(14)); // Thu 12 March 00:00 Beijing: the timer posts the 12th
        Assertions.assertThat(now()).isEqualTo(NEXT_MIDNIGHT);
        Assertions.assertThat(current(caseId).penaltyAccrued()).isEqualByComparingTo("1.50");
        Assertions.assertThat(timer(pi).getDuedate()).isEqualTo(Date.from(NEXT_MIDNIGHT.plus(Duration.ofDays(1))));

        advance(Duration.ofDays(3).minusHours(14)); // Sat 14 March 10:00: a timer late by 10 h posts the 13th and 14th
        OverdueLedger ledger = current(caseId);
        Assertions.assertThat(ledger.accruedThrough()).isEqualTo(LocalDate.of(2026, 3, 14));
        Assertions.assertThat(ledger.penaltyAccrued()).isEqualByComparingTo("2.50"); // 5 days x 0.50
        Assertions.assertThat(ledger.penaltyAccrued())
                .isEqualByComparingTo(penalties.penaltyFor(THOUSAND, DUE, LocalDate.of(2026, 3, 14)).penalty());
        Assertions.assertThat(ledger.principalOutstanding()).isEqualByComparingTo("1000.00");
        Assertions.assertThat(ledger.outstanding()).isEqualByComparingTo("1002.50");
        Assertions.assertThat(accrualRows(caseId)).isEqualTo(5);
        assertThat(pi).isWaitingAt(OverdueProcess.GATEWAY_AWAIT_REPAYMENT);
        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
    }

    @Test
    void aDayIsPostedOnceHoweverOftenTheAccrualRuns() {
        String caseId = reported(Channel.WECHAT, THOUSAND, DUE).overdue().id();
        runJobs();
        ProcessInstance pi = instance(caseId);

        // the service, called twice the same day
        setClock(NEXT_MIDNIGHT.plus(Duration.ofHours(1)));
        Assertions.assertThat(overdues.accrue(caseId)).isFalse();
        Assertions.assertThat(overdues.accrue(caseId)).isFalse();
        Assertions.assertThat(accrualRows(caseId)).isEqualTo(3);
        Assertions.assertThat(current(caseId).penaltyAccrued()).isEqualByComparingTo("1.50");

        // the job path run again the same day (as after a lost job lock): the process is put back before the job twice
        for (int run = 0; run < 2; run++) {
            engine.getRuntimeService().createProcessInstanceModification(pi.getId())
                    .cancelAllForActivity(OverdueProcess.GATEWAY_AWAIT_REPAYMENT)
                    .startBeforeActivity(OverdueProcess.TASK_ACCRUE_PENALTY).execute();
            assertThat(pi).isWaitingAt(OverdueProcess.TASK_ACCRUE_PENALTY);
            runJobs();
            assertThat(pi).isWaitingAt(OverdueProcess.GATEWAY_AWAIT_REPAYMENT);
        }
        Assertions.assertThat(accrualRows(caseId)).isEqualTo(3);

        // the timer of the 12th fires (an hour late) and finds the 12th posted: nothing more
        runJobs();
        Assertions.assertThat(accrualRows(caseId)).isEqualTo(3);
        Assertions.assertThat(current(caseId).penaltyAccrued()).isEqualByComparingTo("1.50");
        Assertions.assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OverdueProcess.PROCESS_ID).count()).as("one token, one instance").isEqualTo(1);
    }

    @Test
    void accrualsOfOneCaseFromManyNodesAtOnceStillPostEachDayOnce() throws Exception {
        String caseId = reported(Channel.JD_APP, THOUSAND, DUE).overdue().id();
        runJobs();
        setClock(T0.plus(Duration.ofDays(4))); // Sun 15 March: the 12th to the 15th are due
        Assertions.assertThat(concurrently(6, i -> overdues.accrue(caseId))).containsOnly(false);
        Assertions.assertThat(accrualRows(caseId)).isEqualTo(6);
        Assertions.assertThat(current(caseId).penaltyAccrued()).isEqualByComparingTo("3.00");
    }

    // ---- repayments ------------------------------------------------------------------------------------------------

    @Test
    void aPartialRepaymentPaysThePenaltyFirstAndLowersTheFollowingDaysBase() {
        String caseId = reported(Channel.WECHAT, THOUSAND, DUE).overdue().id();
        runJobs();
        ProcessInstance pi = instance(caseId);

        Repayment first = repay(caseId, "300.00");
        // 1.00 of penalty (10th, 11th), then 299.00 of principal: 701.00 owed
        Assertions.assertThat(first.penaltyPart()).isEqualByComparingTo("1.00");
        Assertions.assertThat(first.principalPart()).isEqualByComparingTo("299.00");
        Assertions.assertThat(first.principalAfter()).isEqualByComparingTo("701.00");
        Assertions.assertThat(first.penaltyAfter()).isEqualByComparingTo("0.00");
        Assertions.assertThat(first.settled()).isFalse();

        advance(Duration.ofDays(3)); // Sat 14 March 10:00: the 12th to the 14th on 701.00: 0.3505 → 0.35 a day
        OverdueLedger ledger = current(caseId);
        Assertions.assertThat(ledger.accruals()).extracting(Accrual::base).extracting(BigDecimal::toPlainString)
                .containsExactly("1000.00", "1000.00", "701.00", "701.00", "701.00");
        Assertions.assertThat(ledger.penaltyAccrued()).isEqualByComparingTo("2.05");
        Assertions.assertThat(ledger.penaltyOutstanding()).isEqualByComparingTo("1.05");
        Assertions.assertThat(ledger.outstanding()).isEqualByComparingTo("702.05");
        Assertions.assertThat(freezes.isFrozen(USER)).as("not repaid in full").isTrue();
        assertThat(pi).isWaitingAt(OverdueProcess.GATEWAY_AWAIT_REPAYMENT);

        // a repayment smaller than the penalty pays penalty only
        Repayment second = repay(caseId, "0.80");
        Assertions.assertThat(second.penaltyPart()).isEqualByComparingTo("0.80");
        Assertions.assertThat(second.principalPart()).isEqualByComparingTo("0.00");
        Assertions.assertThat(current(caseId).outstanding()).isEqualByComparingTo("701.25");
    }

    @Test
    void fullRepaymentSettlesTheCaseEndsTheProcessAndLiftsItsFreeze() {
        String caseId = reported(Channel.WECHAT, THOUSAND, DUE).overdue().id();
        runJobs();
        ProcessInstance pi = instance(caseId);
        advance(Duration.ofDays(1)); // Thu 12 March 10:00: 3 days, 1.50

        Repayment all = repay(caseId, "1001.50");
        Assertions.assertThat(all.penaltyPart()).isEqualByComparingTo("1.50");
        Assertions.assertThat(all.principalPart()).isEqualByComparingTo("1000.00");
        Assertions.assertThat(all.settled()).isTrue();
        OverdueLedger settled = current(caseId);
        Assertions.assertThat(settled.overdue().state()).isEqualTo(OverdueCase.State.SETTLED);
        Assertions.assertThat(settled.overdue().settledAt()).isEqualTo(now());
        Assertions.assertThat(settled.outstanding()).isEqualByComparingTo("0.00");
        // the message moved the process on in the repayment's transaction; the lift is a job
        assertThat(pi).hasPassed(OverdueProcess.EVENT_OVERDUE_SETTLED).isWaitingAt(OverdueProcess.TASK_LIFT_OVERDUE_FREEZE);
        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();

        runJobs();
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
        Assertions.assertThat(ended(caseId)).isTrue();
        Assertions.assertThat(endEvents(caseId)).containsExactly(OverdueProcess.END_EVENT_SETTLED_FREEZE_LIFTED);

        // nothing accrues any more, and a settled case takes no repayment
        advance(Duration.ofDays(5));
        Assertions.assertThat(current(caseId).penaltyAccrued()).isEqualByComparingTo("1.50");
        Assertions.assertThatThrownBy(() -> repay(caseId, "1.00")).hasMessageContaining("repaid in full");
    }

    @Test
    void aJdAppOverdueAccruesTheSameWayButNeverFreezes() {
        String caseId = reported(Channel.JD_APP, THOUSAND, DUE).overdue().id();
        ProcessInstance pi = instance(caseId);
        assertThat(pi).isWaitingAt(OverdueProcess.TASK_ACCRUE_PENALTY);
        runJobs();
        assertThat(pi).hasNotPassed(OverdueProcess.TASK_FREEZE_CREDIT_LINE).isWaitingAt(OverdueProcess.GATEWAY_AWAIT_REPAYMENT);
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();

        advance(Duration.ofDays(3));
        Assertions.assertThat(current(caseId).penaltyAccrued()).isEqualByComparingTo("2.50");
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();

        repay(caseId, "1002.50");
        assertThat(pi).isEnded();
        Assertions.assertThat(endEvents(caseId)).containsExactly(OverdueProcess.END_EVENT_SETTLED);
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
    }

    // ---- the freeze lifted only when it should be ------------------------------------------------------------------

    @Test
    void aRiskFreezeStaysAfterTheOverdueIsRepaidInFull() {
        freezes.freeze(USER, FreezeCause.RISK, "5 cross-city offline scans >= 1800.00 within 2 h", "auth-1");
        String caseId = reported(Channel.WECHAT, THOUSAND, DUE).overdue().id();
        runJobs();
        Assertions.assertThat(freezes.active(USER)).extracting(CreditLineFreeze::cause)
                .containsExactlyInAnyOrder(FreezeCause.RISK, FreezeCause.OVERDUE);

        repay(caseId, "1001.00");
        runJobs();
        Assertions.assertThat(ended(caseId)).isTrue();
        Assertions.assertThat(freezes.isFrozen(USER)).as("until its own review").isTrue();
        Assertions.assertThat(freezes.active(USER)).extracting(CreditLineFreeze::cause).containsExactly(FreezeCause.RISK);
    }

    @Test
    void repayingOneOfTwoOverduesKeepsTheOthersFreeze() {
        String march = reported(Channel.WECHAT, THOUSAND, DUE).overdue().id();
        String february = reported(Channel.WECHAT, new BigDecimal("200.00"), LocalDate.of(2026, 2, 28)).overdue().id();
        runJobs();
        Assertions.assertThat(activeFreezeEvidence()).containsExactlyInAnyOrder("overdue-" + march, "overdue-" + february);
        // 200.00 x 0.05 % = 0.10 a day, 1–11 March = 11 days
        Assertions.assertThat(current(february).penaltyAccrued()).isEqualByComparingTo("1.10");

        repay(march, "1001.00");
        runJobs();
        Assertions.assertThat(ended(march)).isTrue();
        Assertions.assertThat(freezes.isFrozen(USER)).isTrue();
        Assertions.assertThat(activeFreezeEvidence()).containsExactly("overdue-" + february);
        assertThat(instance(february)).isWaitingAt(OverdueProcess.GATEWAY_AWAIT_REPAYMENT);

        repay(february, "201.10");
        runJobs();
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
    }

    @Test
    void repaidInFullBeforeTheFreezeJobRanTheLineIsNeverFrozen() {
        String caseId = reported(Channel.WECHAT, THOUSAND, DUE).overdue().id();
        repay(caseId, "1001.00"); // nothing waits for the message yet: the process sees the case settled in its jobs
        runJobs();

        Assertions.assertThat(ended(caseId)).isTrue();
        Assertions.assertThat(endEvents(caseId)).containsExactly(OverdueProcess.END_EVENT_SETTLED);
        Assertions.assertThat(instance(caseId)).isNull();
        Assertions.assertThat(jdbc.queryForObject("select count(*) from credit_line_freeze", Integer.class)).isZero();
    }

    @Test
    void repaidInFullWhileTheDaysAccrualWaitsItsTurnTheAccrualSeesItAndTheFreezeIsLifted() {
        String caseId = reported(Channel.WECHAT, THOUSAND, DUE).overdue().id();
        runJobs();
        ProcessInstance pi = instance(caseId);

        setClock(NEXT_MIDNIGHT);
        engine.getManagementService().executeJob(timer(pi).getId()); // only the timer: the accrual job waits
        assertThat(pi).isWaitingAt(OverdueProcess.TASK_ACCRUE_PENALTY);
        Repayment all = repay(caseId, "1001.50"); // posts the 12th itself first
        Assertions.assertThat(all.settled()).isTrue();
        Assertions.assertThat(job(pi)).isNotNull();

        runJobs();
        assertThat(pi).hasPassed(OverdueProcess.GATEWAY_REPAID_IN_FULL, OverdueProcess.TASK_LIFT_OVERDUE_FREEZE)
                .hasNotPassed(OverdueProcess.EVENT_OVERDUE_SETTLED).isEnded();
        Assertions.assertThat(endEvents(caseId)).containsExactly(OverdueProcess.END_EVENT_SETTLED_FREEZE_LIFTED);
        Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
        Assertions.assertThat(accrualRows(caseId)).isEqualTo(3);
    }

    @Test
    void aRepaymentAtTheMomentTheMidnightTimerFiresSettlesAndTheProcessEndsEitherWay() throws Exception {
        for (int round = 0; round < 8; round++) {
            setClock(T0);   // each round: another bill reported on the 11th, the timer at midnight
            String caseId = reported(Channel.WECHAT, THOUSAND, DUE.minusDays(round)).overdue().id();
            runJobs();
            ProcessInstance pi = instance(caseId);
            setClock(NEXT_MIDNIGHT);
            String timer = timer(pi).getId();
            // two threads, each in its own transactions as in production: the timer job and the repayment
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Future<Object> timerRun = pool.submit(() -> {
                go.await();
                try {
                    engine.getManagementService().executeJob(timer);
                    return "timer";
                } catch (RuntimeException lost) {
                    return lost;
                }
            });
            java.util.concurrent.Future<Object> repaid = pool.submit(() -> {
                go.await();
                try {
                    return overdues.repay("jd-app", UUID.randomUUID().toString(), USER,
                            new OverdueService.Repay(caseId, null, true)).repayment();
                } catch (RuntimeException e) {
                    return e;
                }
            });
            go.countDown();
            List<Object> outcomes = List.of(timerRun.get(60, java.util.concurrent.TimeUnit.SECONDS),
                    repaid.get(60, java.util.concurrent.TimeUnit.SECONDS));
            pool.shutdownNow();
            // the repayment never fails; the timer job may lose to it (its execution moved on) and is then gone
            Assertions.assertThat(outcomes.get(1)).as("round %d: %s", round, outcomes.get(1)).isInstanceOf(Repayment.class);
            Assertions.assertThat(((Repayment) outcomes.get(1)).settled()).isTrue();
            runJobs();
            Assertions.assertThat(ended(caseId)).as("round %d", round).isTrue();
            Assertions.assertThat(freezes.isFrozen(USER)).isFalse();
            Assertions.assertThat(accrualRows(caseId)).isEqualTo(3 + round);
        }
    }

    @Test
    void theSameBillReportedAgainIsNotASecondOverdue() {
        String caseId = reported(Channel.WECHAT, THOUSAND, DUE).overdue().id();
        Assertions.assertThatThrownBy(() -> reported(Channel.WECHAT, THOUSAND, DUE))
                .isInstanceOfSatisfying(com.bindflow.shared.ApiProblem.class, p -> {
                    Assertions.assertThat(p.code()).isEqualTo("OVERDUE_ALREADY_REPORTED");
                    Assertions.assertThat(p.getMessage()).contains(caseId);
                });
        Assertions.assertThat(overdues.casesOf(USER)).hasSize(1);
        // the same due date on the other channel is another bill
        Assertions.assertThat(reported(Channel.JD_APP, THOUSAND, DUE).overdue().id()).isNotEqualTo(caseId);
    }
}
