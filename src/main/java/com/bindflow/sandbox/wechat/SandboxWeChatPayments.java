package com.bindflow.sandbox.wechat;

import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.sandbox.Persona;
import com.bindflow.sandbox.PersonaDirectory;
import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.Texts;
import com.bindflow.wechat.WeChatPay.PaymentResult;
import com.bindflow.wechat.WeChatPay.PaymentStatus;
import com.bindflow.wechat.WeChatPay.RefundResult;
import com.bindflow.wechat.WeChatPay.RefundStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox WeChat Pay's payments and refunds ({@code sandbox_wechat_payment}), for {@link SandboxWeChatPay}: a payment
 * on an authorized contract succeeds unless the persona's {@code wechatPayment} fault is {@code DECLINED}; both calls are
 * idempotent on our trade and refund numbers.
 */
@Component
@SandboxOnly
class SandboxWeChatPayments {

    private static final Logger log = LoggerFactory.getLogger(SandboxWeChatPayments.class);

    private record Payment(String outTradeNo, String contractCode, long amountFen, String state, String failureReason,
                           String transactionId, long refundedFen, String outRefundNo) {

        PaymentResult result() {
            return "DECLINED".equals(state)
                    ? new PaymentResult(PaymentStatus.DECLINED, null, failureReason)
                    : new PaymentResult(PaymentStatus.SUCCESS, transactionId, null);
        }
    }

    private static final RowMapper<Payment> PAYMENT = (rs, n) -> new Payment(rs.getString("out_trade_no"),
            rs.getString("contract_code"), rs.getLong("amount_fen"), rs.getString("state"), rs.getString("failure_reason"),
            rs.getString("transaction_id"), rs.getLong("refunded_fen"), rs.getString("out_refund_no"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final PersonaDirectory personas;
    private final SecureRandom random = new SecureRandom();

    SandboxWeChatPayments(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
                          PersonaDirectory personas) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.personas = personas;
    }

    /**
     * Charges contract {@code contractCode} ({@code contract}: what WeChat has under it, empty when nothing); the same
     * trade number gets the same answer.
     */
    PaymentResult pay(String outTradeNo, String contractCode, Optional<SandboxWeChatPay.Contract> contract, long amountFen,
                      String description) {
        Optional<Payment> known = payment(outTradeNo);
        if (known.isPresent()) {
            return known.get().result();
        }
        String state;
        String reason = null;
        String transactionId = null;
        if (contract.isEmpty() || contract.get().state() != SandboxWeChatPay.ContractState.AUTHORIZED) {
            state = "DECLINED";
            reason = SandboxWeChatPay.CONTRACT_NOT_AUTHORIZED;
        } else if ("DECLINED".equals(fault(contract.get().userId(), "wechatPayment"))) {
            state = "DECLINED";
            reason = SandboxWeChatPay.PAYMENT_DECLINED;
        } else {
            state = "SUCCESS";
            transactionId = "4200" + SandboxWeChatPay.digits(random, 28);
        }
        Instant now = clock.instant();
        String finalState = state;
        String finalReason = reason;
        String finalTransactionId = transactionId;
        try {
            ownTransaction.executeWithoutResult(s -> jdbc.update("insert into sandbox_wechat_payment (out_trade_no, "
                            + "contract_code, amount_fen, description, state, failure_reason, transaction_id, refunded_fen, "
                            + "created_at) values (?,?,?,?,?,?,?,?,?)", outTradeNo, contractCode, amountFen,
                    Texts.truncate(description, 255), finalState, finalReason, finalTransactionId, 0L, ts(now)));
            log.info("sandbox WeChat: payment {} of {} fen on {}: {}{}", outTradeNo, amountFen, contractCode, state,
                    reason == null ? "" : " (" + reason + ")");
        } catch (DuplicateKeyException concurrent) {
            // paid at the same moment by another caller: that payment is the answer
        }
        return payment(outTradeNo).orElseThrow().result();
    }

    /** Refunds the payment in full if it succeeded; {@code checkCall} may fail the call for the contract's persona. */
    RefundResult refundIfPaid(String outRefundNo, String outTradeNo, Consumer<String> checkCall) {
        Optional<Payment> known = payment(outTradeNo);
        if (known.isEmpty()) {
            return new RefundResult(RefundStatus.NOT_PAID, 0);
        }
        checkCall.accept(known.get().contractCode());
        Payment payment = known.get();
        if ("DECLINED".equals(payment.state())) {
            return new RefundResult(RefundStatus.NOT_PAID, 0);
        }
        if ("SUCCESS".equals(payment.state())) {
            Instant now = clock.instant();
            int updated = ownTransaction.execute(s -> jdbc.update("update sandbox_wechat_payment set state = 'REFUNDED', "
                            + "refunded_fen = amount_fen, out_refund_no = ?, refunded_at = ? where out_trade_no = ? and state = 'SUCCESS'",
                    outRefundNo, ts(now), outTradeNo));
            if (updated > 0) {
                log.info("sandbox WeChat: payment {} refunded in full ({} fen), refund {}", outTradeNo,
                        payment.amountFen(), outRefundNo);
            }
            payment = payment(outTradeNo).orElseThrow();
        }
        return new RefundResult(RefundStatus.REFUNDED, payment.refundedFen());
    }

    private Optional<Payment> payment(String outTradeNo) {
        return jdbc.query("select * from sandbox_wechat_payment where out_trade_no = ?", PAYMENT, outTradeNo)
                .stream().findFirst();
    }

    private String fault(String userId, String call) {
        return personas.find(userId).map(Persona::faults).map(f -> f.get(call)).orElse(null);
    }
}
