package com.bindflow.verification.aliyun;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.shared.Texts;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of each SMS the production gateway sends ({@code sms_send}), keyed by our message id. Every write is a
 * transaction of its own, so it stands even when the job that sent the message rolls back: what left stays known.
 * States: {@code SENDING} (a request is on its way, or left without a clear answer: its fate is unknown),
 * {@code SENT} (Alibaba Cloud accepted it), {@code NOT_SENT} (it surely did not go out: never connected, or refused).
 */
class SmsSendLog {

    enum State { SENDING, SENT, NOT_SENT }

    record Entry(String messageId, State state, int attempts, Instant lastAttemptAt, String bizId) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    SmsSendLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    Optional<Entry> find(String messageId) {
        return own.execute(s -> jdbc.query("select * from sms_send where message_id = ?", (rs, n) -> new Entry(
                rs.getString("message_id"), State.valueOf(rs.getString("state")), rs.getInt("attempts"),
                instant(rs, "last_attempt_at"), rs.getString("biz_id")), messageId).stream().findFirst());
    }

    /**
     * Marks the message as on its way, if it is new or in state {@code from}; false when another caller changed it
     * meanwhile (then nothing is sent).
     */
    boolean startAttempt(String messageId, Optional<Entry> known, Instant now) {
        if (known.isEmpty()) {
            try {
                own.executeWithoutResult(s -> jdbc.update("insert into sms_send (message_id, state, attempts, "
                        + "last_attempt_at) values (?,?,?,?)", messageId, State.SENDING.name(), 1, ts(now)));
                return true;
            } catch (DuplicateKeyException concurrent) {
                return false;
            }
        }
        Entry entry = known.get();
        Integer updated = own.execute(s -> jdbc.update("update sms_send set state = ?, attempts = attempts + 1, "
                        + "last_attempt_at = ? where message_id = ? and state = ? and attempts = ?",
                State.SENDING.name(), ts(now), messageId, entry.state().name(), entry.attempts()));
        return updated != null && updated == 1;
    }

    void sent(String messageId, String bizId, Instant now) {
        own.executeWithoutResult(s -> jdbc.update("update sms_send set state = ?, biz_id = ?, sent_at = ?, last_error = null "
                + "where message_id = ?", State.SENT.name(), Texts.truncate(bizId, 64), ts(now), messageId));
    }

    void notSent(String messageId, String why) {
        own.executeWithoutResult(s -> jdbc.update("update sms_send set state = ?, last_error = ? where message_id = ? "
                + "and state = ?", State.NOT_SENT.name(), Texts.truncate(why, 500), messageId, State.SENDING.name()));
    }

    void uncertain(String messageId, String why) {
        own.executeWithoutResult(s -> jdbc.update("update sms_send set last_error = ? where message_id = ?",
                Texts.truncate(why, 500), messageId));
    }
}
