package com.bindflow.ops;

import static com.bindflow.shared.Jdbc.ts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Known records for the dashboard's tests, written straight into the tables with exact times (as the report tests do):
 * bindings with their status timelines, payment authorizations and technical payment failures.
 */
final class OpsTestData {

    private final JdbcTemplate jdbc;

    OpsTestData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A binding created at {@code createdAt} that reached ACTIVE {@code secondsToActive} later. */
    void activeBinding(String id, String channel, Instant createdAt, long secondsToActive) {
        Instant activeAt = createdAt.plusSeconds(secondsToActive);
        jdbc.update("insert into binding (id, user_id, channel, status, reason_codes, created_at, updated_at, ended_at) "
                + "values (?,?,?,?,?,?,?,?)", id, "user-" + id, channel, "ACTIVE", null, ts(createdAt), ts(activeAt), null);
        history(id, "CHECKING_ELIGIBILITY", null, createdAt);
        history(id, "AWAITING_AGREEMENT", null, createdAt.plusSeconds(1));
        history(id, "ACTIVE", null, activeAt);
    }

    /** A binding created at {@code createdAt} that ended in {@code status} with {@code reason} a second later. */
    void endedBinding(String id, String channel, Instant createdAt, String status, String reason) {
        Instant endedAt = createdAt.plusSeconds(1);
        jdbc.update("insert into binding (id, user_id, channel, status, reason_codes, created_at, updated_at, ended_at) "
                + "values (?,?,?,?,?,?,?,?)", id, "user-" + id, channel, status, reason, ts(createdAt), ts(endedAt), ts(endedAt));
        history(id, "CHECKING_ELIGIBILITY", null, createdAt);
        history(id, status, reason, endedAt);
    }

    private void history(String id, String status, String reasons, Instant at) {
        jdbc.update("insert into binding_status_history (binding_id, status, reason_codes, changed_at) values (?,?,?,?)",
                id, status, reasons, ts(at));
    }

    /** A decided payment authorization created at {@code at}. */
    void payment(String scenario, String decision, String reason, Instant at) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into payment_authorization (id, client_id, idem_key, request_hash, user_id, scenario, amount, "
                        + "payee_type, payee_id, city, occurred_at, created_at, beijing_day, decision, reason_codes, "
                        + "risk_outcome, risk_layers, decided_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                id, "ops-test", id, "hash", "payer", scenario, new BigDecimal("100.00"), "MERCHANT", "m-1", "Shanghai",
                ts(at), ts(at), java.sql.Date.valueOf(at.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate()), decision,
                reason, "PASS", "[]", ts(at));
    }

    /** An attempt an outside system's failure stopped. */
    void technicalFailure(String scenario, String reason, Instant at) {
        jdbc.update("insert into payment_failure (id, user_id, scenario, amount, reason, detail, failed_at) "
                + "values (?,?,?,?,?,?,?)", UUID.randomUUID().toString(), "payer", scenario, new BigDecimal("100.00"),
                reason, "JD Finance did not answer", ts(at));
    }
}
