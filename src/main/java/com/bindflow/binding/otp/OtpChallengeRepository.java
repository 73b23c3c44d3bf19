package com.bindflow.binding.otp;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.binding.BindingChanges;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The otp_challenge table: the SMS codes of each binding, counters included, shared by every node. */
@Repository
public class OtpChallengeRepository {

    private static final RowMapper<OtpChallenge> MAPPER = (rs, n) -> new OtpChallenge(rs.getString("binding_id"),
            rs.getInt("send_no"), instant(rs, "requested_at"), instant(rs, "expires_at"), instant(rs, "sent_at"),
            rs.getInt("wrong_attempts"), OtpChallenge.State.valueOf(rs.getString("state")));

    private final JdbcTemplate jdbc;
    private final BindingChanges changes;

    public OtpChallengeRepository(JdbcTemplate jdbc, BindingChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    public List<OtpChallenge> list(String bindingId) {
        return jdbc.query("select * from otp_challenge where binding_id = ? order by send_no", MAPPER, bindingId);
    }

    public Optional<OtpChallenge> find(String bindingId, int sendNo) {
        return jdbc.query("select * from otp_challenge where binding_id = ? and send_no = ?", MAPPER, bindingId, sendNo)
                .stream().findFirst();
    }

    public void insert(OtpChallenge c) {
        jdbc.update("insert into otp_challenge (binding_id, send_no, requested_at, expires_at, sent_at, wrong_attempts, state) "
                        + "values (?,?,?,?,?,?,?)", c.bindingId(), c.sendNo(), ts(c.requestedAt()), ts(c.expiresAt()),
                ts(c.sentAt()), c.wrongAttempts(), c.state().name());
        changes.changed(c.bindingId());
    }

    public void markSent(String bindingId, int sendNo, Instant sentAt) {
        jdbc.update("update otp_challenge set state = ?, sent_at = ? where binding_id = ? and send_no = ? and state = ?",
                OtpChallenge.State.SENT.name(), ts(sentAt), bindingId, sendNo, OtpChallenge.State.PENDING.name());
        changes.changed(bindingId);
    }

    public void recordWrongAttempt(String bindingId, int sendNo, int wrongAttempts, OtpChallenge.State state) {
        jdbc.update("update otp_challenge set wrong_attempts = ?, state = ? where binding_id = ? and send_no = ?",
                wrongAttempts, state.name(), bindingId, sendNo);
        changes.changed(bindingId);
    }

    /** Moves the code to {@code to} if it is still in one of {@code from} (a no-op otherwise: safe to repeat). */
    public void transition(String bindingId, int sendNo, OtpChallenge.State to, OtpChallenge.State... from) {
        String in = String.join(",", java.util.Collections.nCopies(from.length, "?"));
        List<Object> args = new java.util.ArrayList<>(List.of(to.name(), bindingId, sendNo));
        for (OtpChallenge.State state : from) {
            args.add(state.name());
        }
        jdbc.update("update otp_challenge set state = ? where binding_id = ? and send_no = ? and state in (" + in + ")",
                args.toArray());
        changes.changed(bindingId);
    }
}
