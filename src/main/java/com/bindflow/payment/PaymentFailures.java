package com.bindflow.payment;

import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.shared.Texts;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payment attempts that failed technically ({@code payment_failure}): no decision was made (the client got a 503 and
 * may retry with the same key), but the customer's payment did not go through, which the failure rate counts.
 */
@Repository
public class PaymentFailures {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public PaymentFailures(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records the failed attempt in a transaction of its own (the caller's is rolled back). */
    public void record(PaymentRequest request, String reason, String detail, Instant at) {
        String text = detail == null ? reason : Texts.truncate(detail, 500);
        ownTransaction.executeWithoutResult(s -> jdbc.update("insert into payment_failure (id, user_id, scenario, amount, "
                        + "reason, detail, failed_at) values (?,?,?,?,?,?,?)", UUID.randomUUID().toString(), request.userId(),
                request.scenario().name(), request.amount(), reason, text, ts(at)));
    }
}
