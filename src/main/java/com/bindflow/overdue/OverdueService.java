package com.bindflow.overdue;

import com.bindflow.channel.Channel;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.fees.DailyAccrual;
import com.bindflow.fees.FeeInputProblems;
import com.bindflow.fees.Fen;
import com.bindflow.fees.OverduePenalties;
import com.bindflow.freeze.CreditLineFreezeService;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.EngineClock;
import com.bindflow.shared.Idempotency;
import com.bindflow.shared.RequestHash;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Overdue amounts (processes/Overdue.bpmn): JD Finance reports an amount due on a channel and not repaid; the penalty
 * accrues every calendar day through the fee engine ({@link OverduePenalties}), posted once per day (a primary key);
 * repayments pay the penalty first, then the principal; full repayment settles the case and tells its process, which
 * lifts this case's freeze. An overdue on the WeChat channel freezes the whole credit line (every channel).
 *
 * <p>Everything that changes a case runs under its row lock ({@code select ... for update}), so accruals and
 * repayments of one case happen one at a time on every node. The process calls back through the {@code overdueCases}
 * bean (the timer) and its delegates ({@link FreezeOverdueCreditLineDelegate}, {@link AccrueOverduePenaltyDelegate},
 * {@link LiftOverdueFreezeDelegate}).
 */
@Service("overdueCases")
public class OverdueService {

    private static final Logger log = LoggerFactory.getLogger(OverdueService.class);

    private final OverdueRepository cases;
    private final CreditLineFreezeService freezes;
    private final JdFinanceAccounts accounts;
    private final OverduePenalties penalties;
    private final RuntimeService runtime;
    private final Clock clock;
    private final TransactionTemplate tx;

    private final OverdueMetrics metrics;

    public OverdueService(OverdueRepository cases, CreditLineFreezeService freezes, JdFinanceAccounts accounts,
                          OverduePenalties penalties, RuntimeService runtime, Clock clock,
                          PlatformTransactionManager transactionManager,
                          OverdueMetrics metrics) {
        this.metrics = metrics;
        this.cases = cases;
        this.freezes = freezes;
        this.accounts = accounts;
        this.penalties = penalties;
        this.runtime = runtime;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
    }

    // ---- JD Finance reports an overdue -----------------------------------------------------------------------------

    /** JD Finance's report: the channel and the amount due on {@code dueDate}, not repaid. */
    public record Report(Channel channel, BigDecimal amountDue, LocalDate dueDate) {
    }

    /** The case and whether this answer replays an earlier request with the same Idempotency-Key. */
    public record Reported(OverdueLedger overdue, boolean replayed) {
    }

    /**
     * Opens a case and starts its process, once per Idempotency-Key of the client; the days already overdue are posted
     * at once. 400 naming the field (channel, amountDue, dueDate more than 10 years back), 422 for a due date that is
     * not before today (Beijing: nothing is overdue yet), 404 for a user JD Finance does not know.
     */
    public Reported report(String clientId, String idempotencyKey, String userId, Report report) {
        if (report.channel() == null) {
            throw ApiProblem.badRequest("channel", "channel is required: JD_APP or WECHAT.");
        }
        BigDecimal amountDue = amount("amountDue", report.amountDue());
        LocalDate dueDate = checkedDueDate(report.dueDate());
        String hash = RequestHash.of(userId, report.channel(), amountDue.toPlainString(), dueDate);
        Optional<Reported> replay = replayReport(clientId, idempotencyKey, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        requireUser(userId);
        OverdueCase opened = new OverdueCase(UUID.randomUUID().toString(), userId, report.channel(), dueDate, amountDue,
                OverdueCase.State.OPEN, clock.instant(), null);
        try {
            return new Reported(tx.execute(status -> open(opened, clientId, idempotencyKey, hash)), false);
        } catch (DuplicateKeyException raced) {
            // the same key or the same bill was taken by a concurrent request: answer as it would now
            return replayReport(clientId, idempotencyKey, hash).orElseThrow(() -> alreadyReported(opened));
        } catch (ApiProblem billTaken) {
            if (!ALREADY_REPORTED.equals(billTaken.code())) {
                throw billTaken;
            }
            // the bill's case may be this very request's, opened by a concurrent copy of it that committed meanwhile
            return replayReport(clientId, idempotencyKey, hash).orElseThrow(() -> billTaken);
        }
    }

    private OverdueLedger open(OverdueCase opened, String clientId, String idempotencyKey, String hash) {
        if (cases.findByBill(opened.userId(), opened.channel(), opened.dueDate()).isPresent()) {
            throw alreadyReported(opened);
        }
        cases.insertCase(opened, clientId, idempotencyKey, hash);
        metrics.opened(opened.channel());
        OverdueLedger ledger = postThroughToday(opened);
        runtime.startProcessInstanceByKey(OverdueProcess.PROCESS_ID, opened.id(), Map.of(
                OverdueProcess.VAR_CASE_ID, opened.id(),
                OverdueProcess.VAR_USER_ID, opened.userId(),
                OverdueProcess.VAR_CHANNEL, opened.channel().name(),
                OverdueProcess.VAR_LINE_FROZEN, false));
        log.info("overdue case {} of {} opened: {} due {} on {}, {} day(s) posted", opened.id(), opened.userId(),
                opened.amountDue(), opened.dueDate(), opened.channel(), ledger.accruals().size());
        return ledger;
    }

    private static final String ALREADY_REPORTED = "OVERDUE_ALREADY_REPORTED";

    private ApiProblem alreadyReported(OverdueCase opened) {
        String existing = cases.findByBill(opened.userId(), opened.channel(), opened.dueDate()).map(OverdueCase::id)
                .orElse("unknown");
        return ApiProblem.conflict(ALREADY_REPORTED, "The " + opened.channel() + " bill of " + opened.userId()
                + " due " + opened.dueDate() + " was reported already: overdue case " + existing + ".")
                .with("overdueId", existing).with("field", "dueDate");
    }

    private LocalDate checkedDueDate(LocalDate dueDate) {
        if (dueDate == null) {
            throw ApiProblem.badRequest("dueDate", "dueDate is required (yyyy-mm-dd).");
        }
        LocalDate today = today();
        if (!dueDate.isBefore(today)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "NOT_OVERDUE", "dueDate", "An amount due on " + dueDate
                    + " is not overdue on " + today + " (Beijing): it is overdue from the day after its due date.");
        }
        if (dueDate.isBefore(today.minusDays(DailyAccrual.MAX_DAYS))) {
            throw ApiProblem.badRequest("dueDate", "dueDate may be at most " + DailyAccrual.MAX_DAYS + " days back.");
        }
        return dueDate;
    }

    private Optional<Reported> replayReport(String clientId, String idempotencyKey, String hash) {
        return cases.findCaseKey(clientId, idempotencyKey).map(record -> {
            if (!record.requestHash().equals(hash)) {
                throw Idempotency.reused();
            }
            return new Reported(ledger(cases.findCase(record.id()).orElseThrow()), true);
        });
    }

    // ---- repayments ------------------------------------------------------------------------------------------------

    /** A repayment of {@code amount} (yuan, at most 2 decimals) on the case {@code overdueId}. */
    /**
     * A repayment of {@code amount}, or with {@code payInFull} of everything due at the moment it is booked (the days
     * up to today posted first): the customer need not guess a penalty that grows at midnight.
     */
    public record Repay(String overdueId, BigDecimal amount, Boolean payInFull) {

        public Repay(String overdueId, BigDecimal amount) {
            this(overdueId, amount, null);
        }

        boolean inFull() {
            return Boolean.TRUE.equals(payInFull);
        }
    }

    /** The repayment and whether this answer replays an earlier request with the same Idempotency-Key. */
    public record Repaid(Repayment repayment, boolean replayed) {
    }

    /**
     * Records a repayment, once per Idempotency-Key of the client: under the case's row lock the days up to today are
     * posted first, then the amount pays the penalty outstanding, then the principal. Repaid in full, the case is
     * SETTLED and its process told in the same transaction. 400 naming the field; 404 unknown user or case; 409 a
     * settled case; 422 more than the amount due (with {@code amountDue}). Nothing is written when refused.
     */
    public Repaid repay(String clientId, String idempotencyKey, String userId, Repay repay) {
        if (repay.overdueId() == null || repay.overdueId().isBlank()) {
            throw ApiProblem.badRequest("overdueId", "overdueId is required: the id of the overdue case repaid.");
        }
        if (repay.inFull() && repay.amount() != null) {
            throw ApiProblem.badRequest("amount", "Give an amount or payInFull: true, not both.");
        }
        BigDecimal amount = repay.inFull() ? null : amount("amount", repay.amount());
        String hash = RequestHash.of(userId, repay.overdueId(), repay.inFull() ? "IN_FULL" : amount.toPlainString());
        Optional<Repaid> replay = replayRepayment(clientId, idempotencyKey, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        requireUser(userId);
        try {
            return tx.execute(status -> repayLocked(clientId, idempotencyKey, hash, userId, repay.overdueId(), amount));
        } catch (DuplicateKeyException raced) {
            return replayRepayment(clientId, idempotencyKey, hash).orElseThrow(() -> raced);
        }
    }

    private Repaid repayLocked(String clientId, String idempotencyKey, String hash, String userId, String caseId,
                               BigDecimal amount) {
        OverdueCase overdue = cases.lockCase(caseId).filter(c -> c.userId().equals(userId))
                .orElseThrow(() -> unknownCase(userId, caseId));
        // a request with the same key that held the lock before this one has answered already
        Optional<Repaid> replay = replayRepayment(clientId, idempotencyKey, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!overdue.open()) {
            throw ApiProblem.conflict("OVERDUE_SETTLED", "The overdue case " + caseId + " was repaid in full at "
                    + overdue.settledAt() + "; nothing is due.").with("field", "overdueId");
        }
        OverdueLedger ledger = postThroughToday(overdue);
        if (amount == null) {
            amount = ledger.outstanding();   // payInFull: what is due now, under the case's lock
        }
        if (amount.compareTo(ledger.outstanding()) > 0) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "AMOUNT_EXCEEDS_DUE", "amount", "The amount " + amount
                    + " is more than the " + ledger.outstanding() + " due on overdue case " + caseId + " (principal "
                    + ledger.principalOutstanding() + ", penalty " + ledger.penaltyOutstanding() + ").")
                    .with("amountDue", ledger.outstanding());
        }
        OverdueLedger.Split split = ledger.split(amount);
        Instant now = clock.instant();
        Repayment repayment = new Repayment(UUID.randomUUID().toString(), caseId, amount, split.penaltyPart(),
                split.principalPart(), split.principalAfter(), split.penaltyAfter(), now);
        cases.insertRepayment(repayment, clientId, idempotencyKey, hash);
        log.info("overdue case {} of {}: {} repaid (penalty {}, principal {}), {} still due", caseId, userId, amount,
                split.penaltyPart(), split.principalPart(), split.principalAfter().add(split.penaltyAfter()));
        if (split.settles()) {
            cases.settle(caseId, now);
            // the process waits for this message, or is in a job before that wait and sees the case settled there
            int told = runtime.createMessageCorrelation(OverdueProcess.MESSAGE_OVERDUE_SETTLED)
                    .processInstanceBusinessKey(caseId).correlateAllWithResult().size();
            log.info("overdue case {} of {} settled{}", caseId, userId, told == 0 ? " (its process sees it after its job)" : "");
        }
        return new Repaid(repayment, false);
    }

    private Optional<Repaid> replayRepayment(String clientId, String idempotencyKey, String hash) {
        return cases.findRepaymentKey(clientId, idempotencyKey).map(record -> {
            if (!record.requestHash().equals(hash)) {
                throw Idempotency.reused();
            }
            return new Repaid(cases.findRepayment(record.id()).orElseThrow(), true);
        });
    }

    // ---- called by the process -------------------------------------------------------------------------------------

    /**
     * Timer_NextDay (end listener): the midnight timer takes the case's row lock, so a repayment settling the case at
     * the same moment and the timer moving the process run one after the other: either the repayment's message finds
     * the process waiting, or the accrual job after the timer finds the case settled.
     */
    public void takeTurn(String caseId) {
        cases.lockCase(caseId);
    }

    /**
     * Task_FreezeCreditLine (WeChat channel): freezes the whole credit line for this case, unless the case was repaid
     * in full before the job ran. Returns whether the case froze the line. Idempotent (one freeze per case).
     */
    public boolean freezeCreditLine(String caseId) {
        OverdueCase overdue = cases.lockCase(caseId).orElseThrow();
        if (!overdue.open()) {
            return false;
        }
        freezes.freeze(overdue.userId(), FreezeCause.OVERDUE, "Overdue on the " + overdue.channel() + " channel: "
                + overdue.amountDue() + " CNY due " + overdue.dueDate() + " not repaid (overdue case " + caseId + ").",
                overdue.freezeEvidenceRef());
        return true;
    }

    /**
     * Task_AccruePenalty: posts the penalty of every day not posted yet, through today (Beijing). Idempotent per day:
     * running again the same day posts nothing. Returns whether the case is repaid in full (settled).
     */
    public boolean accrue(String caseId) {
        OverdueCase overdue = cases.lockCase(caseId).orElseThrow();
        postThroughToday(overdue);
        return !overdue.open();
    }

    /** Task_LiftOverdueFreeze: lifts this case's freeze only (another case's, or a RISK freeze, stay). Idempotent. */
    public void liftFreeze(String caseId) {
        OverdueCase overdue = cases.findCase(caseId).orElseThrow();
        freezes.lift(overdue.userId(), FreezeCause.OVERDUE, overdue.freezeEvidenceRef(), "Overdue of " + overdue.amountDue()
                + " CNY due " + overdue.dueDate() + " repaid in full (overdue case " + caseId + ").");
    }

    /** Timer_NextDay: the next midnight in Beijing, when the next day's penalty is due. */
    public Date nextAccrualAt() {
        return Date.from(today().plusDays(1).atStartOfDay(EngineClock.CHINA).toInstant());
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    /** The user's overdue cases, open ones first, newest first (the account view). */
    public List<OverdueLedger> casesOf(String userId) {
        return cases.casesOf(userId).stream().map(this::ledger).toList();
    }

    /** A case of the user; 404 when the user or the case is unknown. */
    public OverdueLedger overdue(String userId, String caseId) {
        requireUser(userId);
        return cases.findCase(caseId).filter(c -> c.userId().equals(userId)).map(this::ledger)
                .orElseThrow(() -> unknownCase(userId, caseId));
    }

    /** A repayment of the user; 404 when the user or the repayment is unknown. */
    public Repayment repayment(String userId, String repaymentId) {
        requireUser(userId);
        return cases.findRepayment(repaymentId)
                .filter(r -> cases.findCase(r.caseId()).map(c -> c.userId().equals(userId)).orElse(false))
                .orElseThrow(() -> ApiProblem.notFound("REPAYMENT_NOT_FOUND", "No repayment " + repaymentId + " of "
                        + userId + "."));
    }

    // ---- shared ----------------------------------------------------------------------------------------------------

    /** Posts the days not posted yet through today; the caller holds the case's row lock. */
    private OverdueLedger postThroughToday(OverdueCase overdue) {
        OverdueLedger ledger = ledger(overdue);
        List<Accrual> due = ledger.accrualsThrough(today(), penalties);
        if (due.isEmpty()) {
            return ledger;
        }
        cases.insertAccruals(overdue.id(), due, clock.instant());
        metrics.posted(overdue.channel(), due);
        return ledger.posting(due);
    }

    private OverdueLedger ledger(OverdueCase overdue) {
        return new OverdueLedger(overdue, cases.accruals(overdue.id()), cases.repayments(overdue.id()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), EngineClock.CHINA);
    }

    private void requireUser(String userId) {
        if (!accounts.exists(userId)) {
            throw JdFinanceAccounts.unknownUser(userId);
        }
    }

    private static ApiProblem unknownCase(String userId, String caseId) {
        return ApiProblem.notFound("OVERDUE_NOT_FOUND", "No overdue case " + caseId + " of " + userId + ".")
                .with("field", "overdueId");
    }

    private static BigDecimal amount(String field, BigDecimal value) {
        return FeeInputProblems.asBadRequest(() -> Fen.requireAmount(field, value));
    }
}
