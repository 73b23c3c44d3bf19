package com.bindflow.binding;

import com.bindflow.channel.Channel;
import com.bindflow.credit.AvailableCredit;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.freeze.CreditLineFreezes;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.Idempotency;
import com.bindflow.shared.RequestHash;
import com.bindflow.wechat.WeChatPay;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating bindings and the customer steps that are not SMS codes. Every step checks the binding's status under
 * a row lock, writes the record and moves the process in one transaction: a refused step changes nothing.
 */
@Service
public class BindingService {

    private final BindingRepository bindings;
    private final BindingSteps steps;
    private final JdFinanceAccounts accounts;
    private final CreditLineFreezes freezes;
    private final AvailableCredit availableCredit;
    private final WeChatPay wechat;
    private final RuntimeService runtime;
    private final BindingProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;

    public BindingService(BindingRepository bindings, BindingSteps steps, JdFinanceAccounts accounts, CreditLineFreezes freezes,
                          AvailableCredit availableCredit, WeChatPay wechat, RuntimeService runtime,
                          BindingProperties properties, Clock clock, PlatformTransactionManager transactionManager) {
        this.bindings = bindings;
        this.steps = steps;
        this.accounts = accounts;
        this.freezes = freezes;
        this.availableCredit = availableCredit;
        this.wechat = wechat;
        this.runtime = runtime;
        this.properties = properties;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /**
     * A binding to create. {@code wechatRequestId}: WeChat's id of the customer's binding request when the customer
     * started in the WeChat wallet (channel WECHAT only; null otherwise).
     */
    public record CreateBinding(String userId, Channel channel, String wechatRequestId) {

        public CreateBinding(String userId, Channel channel) {
            this(userId, channel, null);
        }
    }

    /** The binding and whether this answer replays an earlier request with the same idempotency key. */
    public record Created(Binding binding, boolean replayed) {
    }

    /**
     * Creates a binding and starts its process, once per idempotency key: the same key and body return the first
     * binding; the same key with another body is refused (422). One binding in progress or ACTIVE per user (409).
     */
    public Created create(String clientId, String idempotencyKey, CreateBinding request) {
        if (request.wechatRequestId() != null && request.channel() != Channel.WECHAT) {
            throw ApiProblem.badRequest("wechatRequestId", "wechatRequestId belongs to a binding started in the WeChat "
                    + "wallet (channel WECHAT) only.");
        }
        String hash = hash(request);
        Optional<Created> replay = replay(clientId, idempotencyKey, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            return tx.execute(status -> createNew(clientId, idempotencyKey, hash, request));
        } catch (DuplicateKeyException raced) {
            // another request took the key, the user's open slot or WeChat's request while this one ran: answer as it
            // would now
            return replay(clientId, idempotencyKey, hash).or(() -> answeringTheSameRequest(request))
                    .orElseThrow(() -> alreadyOpen(request.userId(), bindings.openBindingOf(request.userId()).orElse("unknown")));
        }
    }

    private Created createNew(String clientId, String key, String hash, CreateBinding request) {
        Optional<Created> sameRequest = answeringTheSameRequest(request);
        if (sameRequest.isPresent()) {
            return sameRequest.get();
        }
        if (!accounts.exists(request.userId())) {
            throw JdFinanceAccounts.unknownUser(request.userId());
        }
        bindings.openBindingOf(request.userId()).ifPresent(open -> {
            throw alreadyOpen(request.userId(), open);
        });
        if (request.wechatRequestId() != null) {
            requirePendingRequestOf(request.userId(), request.wechatRequestId());
        }
        if (freezes.isFrozen(request.userId())) {
            // a frozen credit line is frozen on every channel: no new way to pay with it either
            throw ApiProblem.conflict("CREDIT_LINE_FROZEN", "The Baitiao credit line of " + request.userId()
                    + " is frozen: no binding until it is unfrozen (see GET /api/accounts/" + request.userId() + ").")
                    .with("field", "userId");
        }
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        bindings.insertIdempotencyKey(clientId, key, hash, id, now);
        bindings.claimOpenSlot(request.userId(), id);
        bindings.insert(Binding.requested(id, request.userId(), request.channel(), request.wechatRequestId(), now));
        Map<String, Object> variables = new java.util.HashMap<>(Map.of(
                BindingProcess.VAR_BINDING_ID, id,
                BindingProcess.VAR_USER_ID, request.userId(),
                BindingProcess.VAR_CHANNEL, request.channel().name(),
                // the wallet entry: WeChat waits for our answer from the start, so any early end answers it (refuses)
                BindingProcess.VAR_WECHAT_REQUESTED, request.channel() == Channel.WECHAT));
        if (request.wechatRequestId() != null) {
            variables.put(BindingProcess.VAR_WECHAT_REQUEST_ID, request.wechatRequestId());
        }
        runtime.startProcessInstanceByKey(BindingProcess.PROCESS_ID, id, variables);
        return new Created(bindings.find(id).orElseThrow(), false);
    }

    /**
     * WeChat's request is answered by one binding however it reaches us (its notification, or an API client): the
     * binding already started for it, when it is this user's (409 when another user's).
     */
    private Optional<Created> answeringTheSameRequest(CreateBinding request) {
        if (request.wechatRequestId() == null) {
            return Optional.empty();
        }
        return bindings.findByWechatRequest(request.wechatRequestId()).map(existing -> {
            if (!existing.userId().equals(request.userId())) {
                throw ApiProblem.conflict("WECHAT_REQUEST_TAKEN", "WeChat's binding request " + request.wechatRequestId()
                        + " is not " + request.userId() + "'s.").with("field", "wechatRequestId");
            }
            return new Created(existing, true);
        });
    }

    /** WeChat must know the request as this user's, still waiting for an answer. */
    private void requirePendingRequestOf(String userId, String wechatRequestId) {
        WeChatPay.BindRequestState state = wechat.bindRequestState(wechatRequestId)
                .filter(s -> s.userId().equals(userId))
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "WECHAT_REQUEST_UNKNOWN", "wechatRequestId",
                        "WeChat has no binding request " + wechatRequestId + " of " + userId + "."));
        if (state.status() != WeChatPay.BindRequestStatus.PENDING) {
            throw ApiProblem.conflict("WECHAT_REQUEST_ANSWERED", "WeChat's binding request " + wechatRequestId + " was "
                    + state.status() + " already.").with("field", "wechatRequestId");
        }
    }

    private Optional<Created> replay(String clientId, String key, String hash) {
        return bindings.findIdempotencyKey(clientId, key).map(record -> {
            if (!record.requestHash().equals(hash)) {
                throw Idempotency.reused();
            }
            return new Created(bindings.find(record.bindingId()).orElseThrow(), true);
        });
    }

    private static ApiProblem alreadyOpen(String userId, String openBindingId) {
        return ApiProblem.conflict("BINDING_IN_PROGRESS", "User " + userId + " already has binding " + openBindingId
                + " in progress or active.").with("bindingId", openBindingId).with("field", "userId");
    }

    public Binding get(String id) {
        return bindings.find(id).orElseThrow(() -> notFound(id));
    }

    public List<Binding> listByUser(String userId) {
        return bindings.findByUser(userId);
    }

    public List<Binding.StatusChange> history(String id) {
        return bindings.history(id);
    }

    /** Step 3a: the customer accepts the current service agreement. */
    public Binding acceptAgreement(String id, String version) {
        return tx.execute(status -> {
            Binding binding = steps.lockInStatus(id, BindingStatus.AWAITING_AGREEMENT);
            if (!properties.agreementVersion().equals(version)) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "AGREEMENT_VERSION_OUTDATED", "version",
                        "Version " + version + " is not the current service agreement; the current one is "
                                + properties.agreementVersion() + ".").with("currentVersion", properties.agreementVersion());
            }
            Instant now = clock.instant();
            bindings.recordAgreement(id, version, now);
            steps.correlate(binding, BindingProcess.MESSAGE_AGREEMENT_ACCEPTED, Map.of(
                    BindingProcess.VAR_AGREEMENT_VERSION, version,
                    BindingProcess.VAR_OTP_INACTIVITY_DEADLINE,
                    java.util.Date.from(now.plus(properties.timeouts().otpInactivity()))));
            return bindings.find(id).orElseThrow();
        });
    }

    /**
     * Step 5a: the customer's optional per-transaction cap (yuan, > 0, at most 2 decimals, at most the available
     * credit); null means no cap of the customer's own.
     */
    public Binding setPreferences(String id, BigDecimal perTransactionCap) {
        if (perTransactionCap != null && (perTransactionCap.signum() <= 0 || perTransactionCap.stripTrailingZeros().scale() > 2)) {
            throw ApiProblem.badRequest("perTransactionCap", "perTransactionCap must be a positive amount in yuan with at "
                    + "most two decimals, or null for no cap.");
        }
        return tx.execute(status -> {
            Binding binding = steps.lockInStatus(id, BindingStatus.AWAITING_PREFERENCES);
            if (perTransactionCap != null) {
                BigDecimal available = availableCredit.of(accounts.find(binding.userId()).orElseThrow());
                if (perTransactionCap.compareTo(available) > 0) {
                    throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "CAP_EXCEEDS_AVAILABLE_CREDIT", "perTransactionCap",
                            "The per-transaction cap " + perTransactionCap.toPlainString() + " is above the available credit "
                                    + available.toPlainString() + ".").with("availableCredit", available);
                }
            }
            bindings.recordPreferences(id, perTransactionCap == null ? null : perTransactionCap.setScale(2), clock.instant());
            steps.correlate(binding, BindingProcess.MESSAGE_PREFERENCES_SET, Map.of());
            return bindings.find(id).orElseThrow();
        });
    }

    /**
     * The customer cancels at any step before ACTIVE: what was done at WeChat is undone, then CANCELLED. An ACTIVE
     * binding is unbound instead; an ended one cannot be cancelled.
     */
    public Binding cancel(String id) {
        return tx.execute(status -> {
            Binding binding = bindings.lock(id).orElseThrow(() -> notFound(id));
            if (binding.status().ended() || binding.status() == BindingStatus.ACTIVE
                    || binding.status() == BindingStatus.UNDOING) {
                String why = switch (binding.status()) {
                    case ACTIVE -> "; unbind it instead.";
                    case UNDOING -> ": it is already ending (" + String.join(", ", binding.reasonCodes())
                            + ") and what WeChat has is being undone.";
                    default -> ".";
                };
                throw ApiProblem.conflict("WRONG_STATUS", "Binding " + id + " is " + binding.status() + " and cannot be "
                        + "cancelled" + why).with("currentStatus", binding.status().name());
            }
            steps.correlate(binding, BindingProcess.MESSAGE_CANCEL_REQUESTED, Map.of());
            return bindings.find(id).orElseThrow();
        });
    }

    private static ApiProblem notFound(String id) {
        return BindingSteps.notFound(id);
    }

    static String hash(CreateBinding request) {
        return request.wechatRequestId() == null ? RequestHash.of(request.userId(), request.channel())
                : RequestHash.of(request.userId(), request.channel(), request.wechatRequestId());
    }
}
