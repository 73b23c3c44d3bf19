package com.bindflow.account;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A minimal {@link CreditLineFreezes} on table {@code credit_line_freeze} (V8): a freeze is a row without
 * {@code lifted_at}; freezing again for the same (user, cause, evidence) changes nothing. Starts no process: the
 * Unfreeze review (travel proof, risk reviewer) belongs to the freeze capability that replaces this class.
 * Times are stored as UTC in the {@code timestamp} columns. Joins the caller's transaction.
 */
@Repository
public class JdbcCreditLineFreezes implements CreditLineFreezes {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcCreditLineFreezes(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean isFrozen(String userId) {
        Integer frozen = jdbc.queryForObject("select count(*) from credit_line_freeze where user_id = ? and lifted_at is null",
                Integer.class, userId);
        return frozen != null && frozen > 0;
    }

    @Override
    public void freeze(String userId, FreezeCause cause, String reason, String evidenceRef) {
        String text = reason.length() > 500 ? reason.substring(0, 500) : reason;
        // insert if absent: the unique key (user_id, cause, evidence_ref) is the last word if two callers race
        jdbc.update("insert into credit_line_freeze (id, user_id, cause, reason, evidence_ref, frozen_at) "
                        + "select ?, ?, ?, ?, ?, ? where not exists (select 1 from credit_line_freeze "
                        + "where user_id = ? and cause = ? and evidence_ref = ?)",
                java.util.UUID.randomUUID().toString(), userId, cause.name(), text, evidenceRef,
                LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), userId, cause.name(), evidenceRef);
    }
}
