package com.bindflow.unfreeze;

import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.freeze.CreditLineFreeze;
import com.bindflow.freeze.CreditLineFreezeRepository;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.EngineClock;
import com.bindflow.shared.Masking;
import com.bindflow.shared.ReviewDecision;
import com.bindflow.shared.Savepoints;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Unfreeze review (processes/Unfreeze.bpmn): a RISK freeze opens a case that waits for the customer's travel
 * proof; a risk reviewer approves (the RISK freezes are lifted) or rejects (the customer may submit again); without a
 * proof in time the case closes and the credit line stays frozen.
 *
 * <p>One open case per user at most (a unique key, on every node): RISK freezes that arrive while it is open join it,
 * and an approval lifts the RISK freezes recorded up to the approved proof's submission; a RISK freeze recorded after
 * that opens a new case when this one ends. The process calls back through the {@code unfreezeCases} bean.
 */
@Service("unfreezeCases")
public class UnfreezeService {

    private static final Logger log = LoggerFactory.getLogger(UnfreezeService.class);
    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(EngineClock.CHINA);
    /** Camunda keeps string variables in a 4000-character column. */
    private static final int MAX_TEXT_VARIABLE = 3900;

    private final UnfreezeRepository cases;
    private final CreditLineFreezeRepository freezes;
    private final FreezeEvidence evidence;
    private final JdFinanceAccounts accounts;
    private final RuntimeService runtime;
    private final UnfreezeProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;

    public UnfreezeService(UnfreezeRepository cases, CreditLineFreezeRepository freezes, FreezeEvidence evidence,
                           JdFinanceAccounts accounts, RuntimeService runtime, UnfreezeProperties properties, Clock clock,
                           PlatformTransactionManager transactionManager) {
        this.cases = cases;
        this.freezes = freezes;
        this.evidence = evidence;
        this.accounts = accounts;
        this.runtime = runtime;
        this.properties = properties;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
        this.savepoint = Savepoints.of(transactionManager);
    }

    // ---- opening a case --------------------------------------------------------------------------------------------

    /**
     * Opens a case for the user's RISK freeze {@code freezeId} and starts its Unfreeze process, unless the user has an
     * open case (which covers every RISK freeze of the user). Call inside the transaction that recorded the freeze: the
     * case and the process start commit with it or not at all. The start event is asynchronous, so this only writes
     * a few rows; the process runs on in a job. A concurrent opening for the same user (another node) is not an error.
     * Called by the step {@link RiskFreezeOpensUnfreezeCase}, and after an approval for a RISK freeze the reviewer did not
     * see.
     */
    void openCaseIfNeeded(String userId, String freezeId) {
        if (cases.findOpenCase(userId).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        UnfreezeCase opened = new UnfreezeCase(UUID.randomUUID().toString(), userId, UnfreezeCase.State.AWAITING_PROOF,
                now.plus(properties.proofWindow()), now, null, freezeId);
        try {
            savepoint.executeWithoutResult(status -> cases.insertOpenCase(opened));
        } catch (DuplicateKeyException concurrent) {
            log.info("an unfreeze case for {} was opened concurrently; freeze {} joins it", userId, freezeId);
            return;
        }
        runtime.startProcessInstanceByKey(UnfreezeProcess.PROCESS_ID, opened.id(), Map.of(
                UnfreezeProcess.VAR_CASE_ID, opened.id(),
                UnfreezeProcess.VAR_USER_ID, userId,
                UnfreezeProcess.VAR_PROOF_DUE_AT, Date.from(opened.proofDueAt())));
        log.info("unfreeze case {} opened for {} (freeze {})", opened.id(), userId, freezeId);
    }

    // ---- the customer's travel proof -------------------------------------------------------------------------------

    /**
     * The customer submits a travel proof: it goes to a risk reviewer, due {@code reviewSla} later. 404 for a user JD
     * Finance does not know; 409 when the customer is not frozen for risk, a proof is under review, or the review was
     * approved and is being lifted. Nothing is written when refused.
     */
    public UnfreezeRequest submit(String userId, TravelProof proof) {
        TravelProof checked = proof.checked(LocalDate.now(clock));
        BaitiaoAccount account = accounts.find(userId).orElseThrow(() -> JdFinanceAccounts.unknownUser(userId));
        try {
            return tx.execute(status -> submitLocked(userId, checked, account));
        } catch (DuplicateKeyException concurrent) {
            // another request of this user opened a case at the same moment: answer as it would now
            return tx.execute(status -> submitLocked(userId, checked, account));
        }
    }

    private UnfreezeRequest submitLocked(String userId, TravelProof proof, BaitiaoAccount account) {
        Optional<UnfreezeCase> open = cases.lockOpenCase(userId);
        List<CreditLineFreeze> active = freezes.active(userId);
        List<CreditLineFreeze> risk = active.stream().filter(f -> f.cause() == FreezeCause.RISK).toList();
        if (active.isEmpty()) {
            throw ApiProblem.conflict("NOT_FROZEN", "The credit line of " + userId + " is not frozen: there is nothing to unfreeze.");
        }
        if (risk.isEmpty()) {
            throw ApiProblem.conflict("NOT_FROZEN_FOR_RISK", "The credit line of " + userId + " is frozen only because of "
                    + "an overdue amount on the WeChat channel; repaying it lifts the freeze, a travel proof does not.");
        }
        Instant now = clock.instant();
        UnfreezeCase theCase;
        if (open.isPresent()) {
            theCase = open.get();
            if (!theCase.state().acceptsProof()) {
                throw notAcceptingProof(theCase);
            }
        } else {
            // the last case closed without a proof (or none covers these freezes): the proof opens a new one
            theCase = new UnfreezeCase(UUID.randomUUID().toString(), userId, UnfreezeCase.State.UNDER_REVIEW, null, now, null,
                    null);
            cases.insertOpenCase(theCase);
        }
        UnfreezeRequest request = new UnfreezeRequest(UUID.randomUUID().toString(), theCase.id(), userId,
                cases.nextAttempt(theCase.id()), proof.documentRef(), proof.trips(), now, now.plus(properties.reviewSla()),
                UnfreezeRequest.State.UNDER_REVIEW, null, null, null, null);
        cases.insertRequest(request);
        cases.changeCaseState(theCase.id(), UnfreezeCase.State.UNDER_REVIEW);
        Map<String, Object> variables = reviewVariables(request, account, risk, active);
        if (open.isPresent()) {
            try {
                runtime.createMessageCorrelation(UnfreezeProcess.MESSAGE_TRAVEL_PROOF_SUBMITTED)
                        .processInstanceBusinessKey(theCase.id()).setVariables(variables).correlateWithResult();
            } catch (MismatchingMessageCorrelationException notYetWaiting) {
                throw ApiProblem.conflict("REVIEW_STARTING", "The unfreeze case of " + userId + " is being opened; "
                        + "submit the travel proof again in a moment.").with("retryAfterSeconds", 2);
            }
        } else {
            variables.put(UnfreezeProcess.VAR_CASE_ID, theCase.id());
            variables.put(UnfreezeProcess.VAR_USER_ID, userId);
            runtime.createMessageCorrelation(UnfreezeProcess.MESSAGE_PROOF_WITHOUT_OPEN_CASE)
                    .processInstanceBusinessKey(theCase.id()).setVariables(variables).correlateStartMessage();
        }
        log.info("travel proof {} (attempt {}) of {} submitted in case {}", request.id(), request.attempt(), userId, theCase.id());
        return cases.findRequest(request.id()).orElseThrow();
    }

    private ApiProblem notAcceptingProof(UnfreezeCase theCase) {
        if (theCase.state() == UnfreezeCase.State.UNDER_REVIEW) {
            String requestId = cases.latestRequest(theCase.id()).map(UnfreezeRequest::id).orElse(null);
            return ApiProblem.conflict("PROOF_UNDER_REVIEW", "A travel proof of " + theCase.userId() + " is under review; "
                    + "wait for its decision.").with("requestId", requestId);
        }
        return ApiProblem.conflict("UNFREEZE_APPROVED", "The travel proof of " + theCase.userId() + " was approved; the "
                + "credit line is being unfrozen.");
    }

    /** What the reviewer sees: masked personal data, what tripped the freezes, the trips and the document. */
    private Map<String, Object> reviewVariables(UnfreezeRequest request, BaitiaoAccount account, List<CreditLineFreeze> risk,
                                                List<CreditLineFreeze> active) {
        Map<String, Object> v = new HashMap<>();
        v.put(UnfreezeProcess.VAR_REQUEST_ID, request.id());
        v.put(UnfreezeProcess.VAR_ATTEMPT, request.attempt());
        v.put(UnfreezeProcess.VAR_REVIEW_DUE_AT, Date.from(request.reviewDueAt()));
        v.put(UnfreezeProcess.VAR_REVIEW_DUE_TEXT, beijing(request.reviewDueAt()));
        v.put(UnfreezeProcess.VAR_MASKED_NAME, Masking.name(account.realName()));
        v.put(UnfreezeProcess.VAR_MASKED_PHONE, Masking.phone(account.phone()));
        v.put(UnfreezeProcess.VAR_FREEZE_EVIDENCE, limited(evidenceText(request.userId(), risk)));
        v.put(UnfreezeProcess.VAR_OTHER_FREEZES, limited(otherFreezesText(active)));
        v.put(UnfreezeProcess.VAR_TRIPS, tripsText(request.trips()));
        v.put(UnfreezeProcess.VAR_DOCUMENT_REF, request.documentRef());
        // a new proof asks for a new decision: the form must not show the previous one
        v.put(UnfreezeProcess.VAR_REVIEW_DECISION, null);
        v.put(UnfreezeProcess.VAR_REVIEW_REASON, null);
        return v;
    }

    private String evidenceText(String userId, List<CreditLineFreeze> risk) {
        List<String> lines = new ArrayList<>();
        for (CreditLineFreeze freeze : risk) {
            lines.add("Frozen " + beijing(freeze.frozenAt()) + " (Beijing), evidence " + freeze.evidenceRef() + ":");
            evidence.describe(userId, freeze.evidenceRef()).forEach(line -> lines.add("  " + line));
        }
        return String.join("\n", lines);
    }

    private static String otherFreezesText(List<CreditLineFreeze> active) {
        List<String> lines = active.stream().filter(f -> f.cause() != FreezeCause.RISK)
                .map(f -> f.cause() + " since " + beijing(f.frozenAt()) + " (Beijing): " + f.reason()
                        + " (not lifted by this review)").toList();
        return lines.isEmpty() ? "none" : String.join("\n", lines);
    }

    static String tripsText(List<UnfreezeRequest.Trip> trips) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < trips.size(); i++) {
            UnfreezeRequest.Trip t = trips.get(i);
            lines.add((i + 1) + ". " + t.city() + ": " + t.startDate() + " to " + t.endDate());
        }
        return String.join("\n", lines);
    }

    private static String limited(String text) {
        return text.length() <= MAX_TEXT_VARIABLE ? text : text.substring(0, MAX_TEXT_VARIABLE) + "\n… (shortened)";
    }

    private static String beijing(Instant instant) {
        return BEIJING.format(instant);
    }

    // ---- called by the process -------------------------------------------------------------------------------------

    /** Timer_ReviewSlaBreached fired: the review is past its SLA and a supervisor has it too. */
    public void escalated(String requestId) {
        cases.recordEscalation(requestId, clock.instant());
    }

    /**
     * A reviewer (or a supervisor) decided the proof. Refused (the task stays open) when the proof was decided already.
     * A rejection keeps the credit line frozen with the reason, and the case waits for a new proof: {@code proofWindow}
     * from now, returned (null after an approval).
     */
    public Instant decided(String caseId, String requestId, ReviewDecision decision) {
        Instant now = clock.instant();
        UnfreezeRequest.State state = decision.approved() ? UnfreezeRequest.State.APPROVED : UnfreezeRequest.State.REJECTED;
        if (!cases.recordDecision(requestId, state, decision.decidedBy(), decision.reason(), now)) {
            throw new IllegalStateException("travel proof " + requestId + " was decided already");
        }
        if (decision.approved()) {
            cases.changeCaseState(caseId, UnfreezeCase.State.APPROVED);
            return null;
        }
        Instant proofDue = now.plus(properties.proofWindow());
        cases.changeCaseState(caseId, UnfreezeCase.State.REJECTED);
        cases.recordProofDue(caseId, proofDue);
        return proofDue;
    }

    /**
     * Task_LiftFreeze: lifts the user's RISK freezes recorded up to the approved proof's submission and ends the case
     * UNFROZEN; a RISK freeze recorded later (the reviewer has not seen it) opens a new case. Idempotent.
     */
    public void liftApproved(String caseId, String requestId) {
        UnfreezeRequest request = cases.findRequest(requestId).orElseThrow();
        Instant now = clock.instant();
        int lifted = freezes.lift(request.userId(), FreezeCause.RISK, null, "Unfreeze review approved the travel proof: "
                + request.decisionReason(), now, request.submittedAt());
        cases.endCase(caseId, UnfreezeCase.State.UNFROZEN, now);
        log.info("unfreeze case {} approved: {} RISK freeze(s) of {} lifted", caseId, lifted, request.userId());
        freezes.active(request.userId()).stream().filter(f -> f.cause() == FreezeCause.RISK).findFirst()
                .ifPresent(later -> openCaseIfNeeded(request.userId(), later.id()));
    }

    /** EndEvent_ClosedStillFrozen: no proof in time; the credit line stays frozen. */
    public void closeWithoutProof(String caseId) {
        cases.endCase(caseId, UnfreezeCase.State.CLOSED, clock.instant());
        log.info("unfreeze case {} closed without a travel proof: still frozen", caseId);
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    public Optional<UnfreezeCase> latestCase(String userId) {
        return cases.latestCase(userId);
    }

    public Optional<UnfreezeRequest> latestRequest(String caseId) {
        return cases.latestRequest(caseId);
    }

    /** A travel proof of the user; 404 when the user or the proof is unknown. */
    public UnfreezeRequest request(String userId, String requestId) {
        if (!accounts.exists(userId)) {
            throw JdFinanceAccounts.unknownUser(userId);
        }
        return cases.findRequest(requestId).filter(r -> r.userId().equals(userId))
                .orElseThrow(() -> ApiProblem.notFound("UNFREEZE_REQUEST_NOT_FOUND", "No travel proof " + requestId
                        + " of " + userId + "."));
    }
}
