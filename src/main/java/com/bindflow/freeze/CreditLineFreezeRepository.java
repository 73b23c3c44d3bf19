package com.bindflow.freeze;

import static com.bindflow.shared.Jdbc.utc;
import static com.bindflow.shared.Jdbc.utcInstant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code credit_line_freeze} table. Plain JDBC: every write joins the caller's transaction. */
@Repository
public class CreditLineFreezeRepository {

    private static final String COLUMNS = "id, user_id, cause, reason, evidence_ref, frozen_at, lifted_at, lifted_reason";

    private final JdbcTemplate jdbc;

    public CreditLineFreezeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CreditLineFreeze> find(String userId, FreezeCause cause, String evidenceRef) {
        return jdbc.query("select " + COLUMNS + " from credit_line_freeze where user_id = ? and cause = ? and evidence_ref = ?",
                CreditLineFreezeRepository::map, userId, cause.name(), evidenceRef).stream().findFirst();
    }

    /** Throws DuplicateKeyException when the (user, cause, evidence) freeze exists (perhaps inserted concurrently). */
    public void insert(CreditLineFreeze f) {
        jdbc.update("insert into credit_line_freeze (" + COLUMNS + ") values (?,?,?,?,?,?,?,?)", f.id(), f.userId(),
                f.cause().name(), f.reason(), f.evidenceRef(), utc(f.frozenAt()), utc(f.liftedAt()), f.liftedReason());
    }

    public boolean anyActive(String userId) {
        Integer n = jdbc.queryForObject("select count(*) from credit_line_freeze where user_id = ? and lifted_at is null",
                Integer.class, userId);
        return n != null && n > 0;
    }

    public Optional<Instant> lastLifted(String userId, FreezeCause cause) {
        return Optional.ofNullable(jdbc.queryForObject("select max(lifted_at) as last_lifted from credit_line_freeze "
                + "where user_id = ? and cause = ?", (rs, n) -> utcInstant(rs, "last_lifted"), userId, cause.name()));
    }

    /** The user's freezes not lifted yet, oldest first. */
    public List<CreditLineFreeze> active(String userId) {
        return jdbc.query("select " + COLUMNS + " from credit_line_freeze where user_id = ? and lifted_at is null "
                + "order by frozen_at, id", CreditLineFreezeRepository::map, userId);
    }

    public List<CreditLineFreeze> findByEvidence(String userId, String evidenceRef) {
        return jdbc.query("select " + COLUMNS + " from credit_line_freeze where user_id = ? and evidence_ref = ? "
                + "order by frozen_at, id", CreditLineFreezeRepository::map, userId, evidenceRef);
    }

    /**
     * Lifts the user's active freezes of this cause: only the one with {@code evidenceRef} when it is given, and only
     * those recorded at or before {@code frozenUpTo} when that is given (null: no such limit). Returns how many were
     * lifted; lifting again lifts nothing (idempotent). The one statement that lifts freezes.
     */
    public int lift(String userId, FreezeCause cause, String evidenceRef, String reason, Instant at, Instant frozenUpTo) {
        StringBuilder sql = new StringBuilder("update credit_line_freeze set lifted_at = ?, lifted_reason = ? "
                + "where user_id = ? and cause = ? and lifted_at is null");
        List<Object> args = new ArrayList<>(List.of(utc(at), reason, userId, cause.name()));
        if (evidenceRef != null) {
            sql.append(" and evidence_ref = ?");
            args.add(evidenceRef);
        }
        if (frozenUpTo != null) {
            sql.append(" and frozen_at <= ?");
            args.add(utc(frozenUpTo));
        }
        return jdbc.update(sql.toString(), args.toArray());
    }

    private static CreditLineFreeze map(ResultSet rs, int row) throws SQLException {
        return new CreditLineFreeze(rs.getString("id"), rs.getString("user_id"), FreezeCause.valueOf(rs.getString("cause")),
                rs.getString("reason"), rs.getString("evidence_ref"), utcInstant(rs, "frozen_at"),
                utcInstant(rs, "lifted_at"), rs.getString("lifted_reason"));
    }
}
