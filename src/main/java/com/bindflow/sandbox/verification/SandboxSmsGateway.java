package com.bindflow.sandbox.verification;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.verification.SmsGateway;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SMS gateway in sandbox mode: messages are kept in the database (deduplicated on the message id, as a real
 * gateway's client reference would), so {@code GET /sandbox/sms/{userId}} can show the last one on any node.
 */
@Component
@SandboxOnly
public class SandboxSmsGateway implements SmsGateway {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SandboxSmsGateway(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void send(String messageId, String userId, String phone, Message message) {
        String text = message.text();
        Integer known = jdbc.queryForObject("select count(*) from sandbox_sms where message_id = ?", Integer.class, messageId);
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("insert into sandbox_sms (message_id, user_id, phone, body, sent_at) values (?,?,?,?,?)",
                messageId, userId, phone, text, ts(clock.instant()));
    }

    public record SentSms(String messageId, String userId, String phone, String body, java.time.Instant sentAt) {

        private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("(\\d{6})");

        /** The 6-digit code the text carries, as the customer reads it; null when it carries none. */
        public String code() {
            java.util.regex.Matcher m = CODE.matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    public Optional<SentSms> lastSentTo(String userId) {
        return jdbc.query("select * from sandbox_sms where user_id = ? order by seq desc",
                (rs, n) -> new SentSms(rs.getString("message_id"), rs.getString("user_id"), rs.getString("phone"),
                        rs.getString("body"), instant(rs, "sent_at")), userId).stream().findFirst();
    }
}
