package com.bindflow.sandbox.wechat;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.sandbox.Persona;
import com.bindflow.sandbox.PersonaDirectory;
import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.OutsideSystemUnavailableException;
import com.bindflow.shared.Texts;
import com.bindflow.wechat.WeChatPay;
import com.bindflow.wechat.notification.WeChatEvent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriUtils;

/**
 * WeChat Pay in sandbox mode: authorizations (contracts), payments and refunds kept in the {@code sandbox_wechat_*}
 * tables (shared by every node), driven by the demo personas. It behaves as the outside system would: its state is
 * written in transactions of its own (a caller's rollback does not undo a payment WeChat made; that is what
 * {@link #refundIfPaid} is for), every call is idempotent on our identifiers, and the customer's answer on the
 * authorization page ({@link #customerActs}) is reported by a signed notification ({@link SandboxWeChatNotifier}).
 *
 * <p>Persona faults ({@code faults} in personas.json): {@code wechatPayment: DECLINED} declines payments,
 * {@code UNAVAILABLE} at {@code wechatAuthorization}, {@code wechatQuery}, {@code wechatPayment}, {@code wechatRefund}
 * or {@code wechatTerminate} makes that call fail technically ({@link OutsideSystemUnavailableException}).
 */
@Component
@SandboxOnly
public class SandboxWeChatPay implements WeChatPay {

    private static final Logger log = LoggerFactory.getLogger(SandboxWeChatPay.class);

    /** Where the customer's WeChat shows the authorization page (sandbox: {@link SandboxWeChatController}). */
    public static final String AUTHORIZATION_PAGE = "/sandbox/wechat/authorizations/";

    public static final String CONTRACT_NOT_AUTHORIZED = "CONTRACT_NOT_AUTHORIZED";
    public static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";

    /** A contract's state at the sandbox WeChat Pay; ABANDONED: the customer left the page without an answer. */
    public enum ContractState { PENDING, AUTHORIZED, DECLINED, TERMINATED, ABANDONED }

    /** What the customer does on WeChat's authorization page. */
    public enum CustomerAction { APPROVE, DECLINE, ABANDON }

    public record Contract(String contractCode, String bindingId, String userId, ContractState state, String contractId,
                           Integer priority, String notificationId, Instant requestedAt, Instant updatedAt,
                           Instant terminatedAt, String terminateReason) {

        public String authorizationUrl() {
            return AUTHORIZATION_PAGE + UriUtils.encodePathSegment(bindingId, StandardCharsets.UTF_8);
        }
    }

    private static final RowMapper<Contract> CONTRACT = (rs, n) -> new Contract(rs.getString("contract_code"),
            rs.getString("binding_id"), rs.getString("user_id"), ContractState.valueOf(rs.getString("state")),
            rs.getString("contract_id"), rs.getObject("priority", Integer.class), rs.getString("notification_id"),
            instant(rs, "requested_at"), instant(rs, "updated_at"), instant(rs, "terminated_at"),
            rs.getString("terminate_reason"));

    /** A binding request the customer started in the WeChat wallet; state PENDING, GRANTED or REFUSED. */
    public record BindRequest(String requestId, String userId, String state, String bindingId, String contractCode,
                              String refuseReason, Instant requestedAt, Instant answeredAt) {
    }

    private static final RowMapper<BindRequest> BIND_REQUEST = (rs, n) -> new BindRequest(rs.getString("request_id"),
            rs.getString("user_id"), rs.getString("state"), rs.getString("binding_id"), rs.getString("contract_code"),
            rs.getString("refuse_reason"), instant(rs, "requested_at"), instant(rs, "answered_at"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final PersonaDirectory personas;
    private final SandboxWeChatNotifier notifier;
    private final SandboxWeChatPayments payments;
    private final SecureRandom random = new SecureRandom();

    public SandboxWeChatPay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
                            PersonaDirectory personas, SandboxWeChatNotifier notifier, SandboxWeChatPayments payments) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.personas = personas;
        this.notifier = notifier;
        this.payments = payments;
    }

    // ---- the port -----------------------------------------------------------------------------------------------

    @Override
    public AuthorizationRequest requestAuthorization(String contractCode, String bindingId, String userId) {
        unavailableFor(userId, "wechatAuthorization");
        Optional<Contract> known = contract(contractCode);
        if (known.isEmpty()) {
            Instant now = clock.instant();
            try {
                ownTransaction.executeWithoutResult(s -> jdbc.update("insert into sandbox_wechat_contract (contract_code, "
                                + "binding_id, user_id, state, requested_at, updated_at) values (?,?,?,?,?,?)",
                        contractCode, bindingId, userId, ContractState.PENDING.name(), ts(now), ts(now)));
                log.info("sandbox WeChat: authorization {} requested for binding {}", contractCode, bindingId);
            } catch (DuplicateKeyException concurrent) {
                // requested at the same moment by another caller: the same request
            }
            known = contract(contractCode);
        }
        Contract contract = known.orElseThrow();
        return new AuthorizationRequest(contract.contractCode(), contract.authorizationUrl());
    }

    /**
     * The contract's state as WeChat reports it. A request the customer left without answering (ABANDONED) is
     * NOT_FOUND, as for a contract code WeChat never saw: WeChat knows no contract for it (and sends no notification).
     */
    @Override
    public AuthorizationState queryAuthorization(String contractCode) {
        Optional<Contract> found = contract(contractCode);
        found.ifPresent(c -> unavailableFor(c.userId(), "wechatQuery"));
        return found.map(c -> switch (c.state()) {
            case PENDING -> new AuthorizationState(AuthorizationStatus.PENDING, null, null);
            case AUTHORIZED -> new AuthorizationState(AuthorizationStatus.AUTHORIZED, c.contractId(), c.priority());
            case DECLINED -> new AuthorizationState(AuthorizationStatus.DECLINED, null, null);
            case TERMINATED -> new AuthorizationState(AuthorizationStatus.TERMINATED, c.contractId(), c.priority());
            case ABANDONED -> new AuthorizationState(AuthorizationStatus.NOT_FOUND, null, null);
        }).orElse(new AuthorizationState(AuthorizationStatus.NOT_FOUND, null, null));
    }

    /**
     * Grants the wallet's binding request: the request becomes GRANTED (for this binding) and WeChat creates the
     * contract at once, AUTHORIZED, Baitiao placed right after 零钱. A refused request (or one granted to another
     * binding) stays as it is and the answer is DECLINED; an unknown request id is NOT_FOUND.
     */
    @Override
    public AuthorizationState grantBindRequest(String wechatRequestId, String contractCode, String bindingId, String userId) {
        unavailableFor(userId, "wechatAuthorization");
        Instant now = clock.instant();
        if (wechatRequestId != null) {
            Optional<BindRequest> request = bindRequest(wechatRequestId);
            if (request.isEmpty() || !request.get().userId().equals(userId)) {
                return new AuthorizationState(AuthorizationStatus.NOT_FOUND, null, null);
            }
            ownTransaction.executeWithoutResult(s -> jdbc.update("update sandbox_wechat_bind_request set state = 'GRANTED', "
                    + "binding_id = ?, contract_code = ?, answered_at = ? where request_id = ? and state = 'PENDING'",
                    bindingId, contractCode, ts(now), wechatRequestId));
            BindRequest answered = bindRequest(wechatRequestId).orElseThrow();
            if (!"GRANTED".equals(answered.state()) || !contractCode.equals(answered.contractCode())) {
                return new AuthorizationState(AuthorizationStatus.DECLINED, null, null);
            }
        }
        if (contract(contractCode).isEmpty()) {
            String contractId = "Wx" + digits(26);
            try {
                ownTransaction.executeWithoutResult(s -> jdbc.update("insert into sandbox_wechat_contract (contract_code, "
                                + "binding_id, user_id, state, contract_id, priority, requested_at, updated_at) "
                                + "values (?,?,?,?,?,?,?,?)", contractCode, bindingId, userId, ContractState.AUTHORIZED.name(),
                        contractId, PRIORITY_AFTER_BALANCE, ts(now), ts(now)));
                log.info("sandbox WeChat: binding request {} granted: contract {} for binding {}, right after 零钱",
                        wechatRequestId, contractCode, bindingId);
            } catch (DuplicateKeyException concurrent) {
                // granted at the same moment by another caller: the same contract
            }
        }
        return queryAuthorization(contractCode);
    }

    @Override
    public Optional<BindRequestState> bindRequestState(String wechatRequestId) {
        return bindRequest(wechatRequestId).map(r -> {
            unavailableFor(r.userId(), "wechatAuthorization");
            return new BindRequestState(r.userId(), BindRequestStatus.valueOf(r.state()));
        });
    }

    /** PENDING → REFUSED; the answer is whether the request stands refused. */
    @Override
    public boolean refuseBindRequest(String wechatRequestId, String reason) {
        Optional<BindRequest> request = bindRequest(wechatRequestId);
        if (request.isEmpty()) {
            return false;
        }
        unavailableFor(request.get().userId(), "wechatAuthorization");
        Instant now = clock.instant();
        int updated = ownTransaction.execute(s -> jdbc.update("update sandbox_wechat_bind_request set state = 'REFUSED', "
                        + "refuse_reason = ?, answered_at = ? where request_id = ? and state = 'PENDING'",
                Texts.truncate(reason, 500), ts(now), wechatRequestId));
        if (updated > 0) {
            log.info("sandbox WeChat: binding request {} refused: {}", wechatRequestId, reason);
        }
        return "REFUSED".equals(bindRequest(wechatRequestId).orElseThrow().state());
    }

    /** PENDING or AUTHORIZED → TERMINATED; anything else (or an unknown code) is left as it is. */
    @Override
    public void terminateAuthorization(String contractCode, String reason) {
        Optional<Contract> found = contract(contractCode);
        if (found.isEmpty()) {
            return;
        }
        unavailableFor(found.get().userId(), "wechatTerminate");
        Instant now = clock.instant();
        int updated = ownTransaction.execute(s -> jdbc.update("update sandbox_wechat_contract set state = ?, "
                        + "terminated_at = ?, terminate_reason = ?, updated_at = ? where contract_code = ? and state in (?, ?)",
                ContractState.TERMINATED.name(), ts(now), Texts.truncate(reason, 500), ts(now), contractCode,
                ContractState.PENDING.name(), ContractState.AUTHORIZED.name()));
        if (updated > 0) {
            log.info("sandbox WeChat: authorization {} terminated: {}", contractCode, reason);
        }
    }

    @Override
    public PaymentResult pay(String outTradeNo, String contractCode, long amountFen, String description) {
        if (amountFen <= 0) {
            throw new IllegalArgumentException("amountFen must be positive: " + amountFen);
        }
        Optional<Contract> contract = contract(contractCode);
        contract.ifPresent(c -> unavailableFor(c.userId(), "wechatPayment"));
        return payments.pay(outTradeNo, contractCode, contract, amountFen, description);
    }

    @Override
    public RefundResult refundIfPaid(String outRefundNo, String outTradeNo) {
        return payments.refundIfPaid(outRefundNo, outTradeNo,
                contractCode -> contract(contractCode).ifPresent(c -> unavailableFor(c.userId(), "wechatRefund")));
    }

    // ---- the customer in the WeChat wallet --------------------------------------------------------------------------

    /**
     * The customer asks to bind Baitiao in the WeChat wallet (我 → 服务 → 钱包 → 支付管理): WeChat opens a binding
     * request under its own id and sends us a signed CONTRACT.BIND_REQUESTED notification; it waits for our grant or
     * refusal. 404 for a user WeChat does not know.
     */
    public BindRequest customerRequestsBinding(String userId) {
        if (personas.find(userId).isEmpty()) {
            throw ApiProblem.notFound("UNKNOWN_USER", "WeChat knows no user " + userId + ".").with("field", "userId");
        }
        Instant now = clock.instant();
        String requestId = "WXBR" + digits(24);
        String notificationId = UUID.randomUUID().toString();
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("request_id", requestId);
        resource.put("user_id", userId);
        resource.put("entry", "我 → 服务 → 钱包 → 支付管理");
        resource.put("request_time", SandboxWeChatNotifier.rfc3339(now));
        // the request and its notification on its way commit together (the notifier delivers it after the commit)
        ownTransaction.executeWithoutResult(s -> {
            jdbc.update("insert into sandbox_wechat_bind_request (request_id, user_id, state, notification_id, "
                    + "requested_at) values (?,?,?,?,?)", requestId, userId, "PENDING", notificationId, ts(now));
            notifier.send(notificationId, WeChatEvent.CONTRACT_BIND_REQUESTED, "用户发起绑定", resource);
        });
        log.info("sandbox WeChat: {} asks to bind Baitiao in the wallet: request {}", userId, requestId);
        return bindRequest(requestId).orElseThrow();
    }

    /**
     * The customer gives up in the wallet before we answered: PENDING → WITHDRAWN (WeChat tells us nothing; our grant
     * then finds the request gone). 404 for an unknown request, 409 when it was answered already.
     */
    public BindRequest customerWithdraws(String requestId) {
        BindRequest request = bindRequest(requestId).orElseThrow(() -> ApiProblem.notFound("NO_BIND_REQUEST",
                "WeChat has no binding request " + requestId + "."));
        int updated = ownTransaction.execute(s -> jdbc.update("update sandbox_wechat_bind_request set state = 'WITHDRAWN', "
                + "answered_at = ? where request_id = ? and state = 'PENDING'", ts(clock.instant()), requestId));
        if (updated == 0) {
            throw ApiProblem.conflict("BIND_REQUEST_ANSWERED", "WeChat's binding request " + requestId + " is "
                    + bindRequest(requestId).orElse(request).state() + ", not PENDING.");
        }
        log.info("sandbox WeChat: {} withdrew binding request {} in the wallet", request.userId(), requestId);
        return bindRequest(requestId).orElseThrow();
    }

    public Optional<BindRequest> bindRequest(String requestId) {
        return jdbc.query("select * from sandbox_wechat_bind_request where request_id = ?", BIND_REQUEST, requestId)
                .stream().findFirst();
    }

    // ---- the customer on WeChat's authorization page ------------------------------------------------------------------

    /** The latest authorization requested for the binding. */
    public Optional<Contract> authorizationOfBinding(String bindingId) {
        return jdbc.query("select * from sandbox_wechat_contract where binding_id = ? order by requested_at desc, "
                + "contract_code desc", CONTRACT, bindingId).stream().findFirst();
    }

    /**
     * The customer answers WeChat's authorization page for the binding: APPROVE (with the priority of Baitiao among
     * the WeChat payment methods, 1 to 10) or DECLINE are reported by a signed notification, sent asynchronously;
     * ABANDON (the customer closes the page) is reported to nobody, as at WeChat. 404 when no authorization was
     * requested for the binding, 409 when it is not PENDING any more.
     */
    public Contract customerActs(String bindingId, CustomerAction action, Integer priority) {
        if (action == null) {
            throw ApiProblem.badRequest("action", "action is required: APPROVE, DECLINE or ABANDON.");
        }
        if (action == CustomerAction.APPROVE && (priority == null || priority < 1 || priority > 10)) {
            throw ApiProblem.badRequest("priority", "priority is required to approve: Baitiao's place among the WeChat "
                    + "payment methods, 1 (first) to 10.");
        }
        Contract contract = authorizationOfBinding(bindingId).orElseThrow(() -> ApiProblem.notFound(
                "NO_AUTHORIZATION_REQUEST", "WeChat has no authorization request for binding " + bindingId + "."));
        Instant now = clock.instant();
        String notificationId = action == CustomerAction.ABANDON ? null : UUID.randomUUID().toString();
        String contractId = action == CustomerAction.APPROVE ? "Wx" + digits(26) : null;
        ContractState to = switch (action) {
            case APPROVE -> ContractState.AUTHORIZED;
            case DECLINE -> ContractState.DECLINED;
            case ABANDON -> ContractState.ABANDONED;
        };
        Integer storedPriority = action == CustomerAction.APPROVE ? priority : null;
        // the answer and its notification on its way commit together (the notifier delivers it after the commit)
        Contract after = ownTransaction.execute(s -> {
            int updated = jdbc.update("update sandbox_wechat_contract set state = ?, contract_id = ?, priority = ?, "
                            + "notification_id = ?, updated_at = ? where contract_code = ? and state = ?",
                    to.name(), contractId, storedPriority, notificationId, ts(now), contract.contractCode(),
                    ContractState.PENDING.name());
            if (updated == 0) {
                return null;
            }
            Contract answered = contract(contract.contractCode()).orElseThrow();
            if (action != CustomerAction.ABANDON) {
                notifier.send(notificationId, eventType(action), summary(action), resource(answered, now));
            }
            return answered;
        });
        if (after == null) {
            Contract current = contract(contract.contractCode()).orElse(contract);
            throw ApiProblem.conflict("AUTHORIZATION_NOT_PENDING", "The authorization of binding " + bindingId + " is "
                    + current.state() + ", not PENDING: the customer has answered already.").with("state", current.state());
        }
        log.info("sandbox WeChat: the customer chose {} for authorization {} (binding {})", action,
                after.contractCode(), bindingId);
        return after;
    }

    /**
     * The customer ends the authorization in the WeChat wallet (我 → 服务 → 钱包 → 支付管理): the contract is terminated
     * and WeChat reports it by a signed CONTRACT.TERMINATED notification. 404 when WeChat has no contract for the
     * binding, 409 when it is not AUTHORIZED.
     */
    public Contract customerTerminates(String bindingId) {
        Contract contract = authorizationOfBinding(bindingId).orElseThrow(() -> ApiProblem.notFound(
                "NO_CONTRACT", "WeChat has no contract for binding " + bindingId + "."));
        Instant now = clock.instant();
        String notificationId = UUID.randomUUID().toString();
        // the termination and its notification on its way commit together (delivered after the commit)
        Contract after = ownTransaction.execute(s -> {
            int updated = jdbc.update("update sandbox_wechat_contract set state = ?, notification_id = ?, updated_at = ? "
                            + "where contract_code = ? and state = ?", ContractState.TERMINATED.name(), notificationId,
                    ts(now), contract.contractCode(), ContractState.AUTHORIZED.name());
            if (updated == 0) {
                return null;
            }
            Contract terminated = contract(contract.contractCode()).orElseThrow();
            notifier.send(notificationId, WeChatEvent.CONTRACT_TERMINATED, "用户解约", resource(terminated, now));
            return terminated;
        });
        if (after == null) {
            throw ApiProblem.conflict("CONTRACT_NOT_AUTHORIZED", "The contract of binding " + bindingId + " is "
                    + contract(contract.contractCode()).orElse(contract).state() + ", not AUTHORIZED.");
        }
        log.info("sandbox WeChat: the customer ended contract {} (binding {}) in the wallet", after.contractCode(), bindingId);
        return after;
    }

    private static String eventType(CustomerAction action) {
        return action == CustomerAction.APPROVE ? WeChatEvent.CONTRACT_AUTHORIZED : WeChatEvent.CONTRACT_DECLINED;
    }

    private static String summary(CustomerAction action) {
        return action == CustomerAction.APPROVE ? "签约成功" : "用户拒绝签约";
    }

    private static Map<String, Object> resource(Contract c, Instant operatedAt) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("contract_code", c.contractCode());
        resource.put("binding_id", c.bindingId());
        resource.put("user_id", c.userId());
        resource.put("contract_state", c.state().name());
        if (c.state() == ContractState.AUTHORIZED) {
            resource.put("contract_id", c.contractId());
            resource.put("priority", c.priority());
        }
        resource.put("operate_time", SandboxWeChatNotifier.rfc3339(operatedAt));
        return resource;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    public Optional<Contract> contract(String contractCode) {
        return jdbc.query("select * from sandbox_wechat_contract where contract_code = ?", CONTRACT, contractCode)
                .stream().findFirst();
    }

    private void unavailableFor(String userId, String call) {
        if (personas.find(userId).map(p -> p.failsAt(call)).orElse(false)) {
            throw new OutsideSystemUnavailableException("WeChat Pay", call + " failed");
        }
    }

    private String digits(int n) {
        return digits(random, n);
    }

    /** {@code n} random decimal digits, as WeChat's identifiers have them. */
    static String digits(SecureRandom random, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }
}
