package com.bindflow.overdue;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.channel.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The tables of the overdue cases: {@code overdue_case}, {@code overdue_accrual}, {@code overdue_repayment}. */
@Repository
public class OverdueRepository {

    private static final String CASE_COLUMNS = "id, user_id, channel, due_date, amount_due, state, reported_at, settled_at";
    private static final String REPAYMENT_COLUMNS = "id, case_id, amount, penalty_part, principal_part, principal_after, "
            + "penalty_after, received_at";

    private final JdbcTemplate jdbc;

    public OverdueRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A request's Idempotency-Key as stored: the hash of its body and what it created. */
    public record IdempotencyRecord(String requestHash, String id) {
    }

    // ---- cases ----------------------------------------------------------------------------------------------------

    /** Throws DuplicateKeyException when the client's Idempotency-Key was taken (perhaps concurrently). */
    public void insertCase(OverdueCase c, String clientId, String idempotencyKey, String requestHash) {
        jdbc.update("insert into overdue_case (" + CASE_COLUMNS + ", client_id, idem_key, request_hash) "
                        + "values (?,?,?,?,?,?,?,?,?,?,?)", c.id(), c.userId(), c.channel().name(), c.dueDate(), c.amountDue(),
                c.state().name(), ts(c.reportedAt()), ts(c.settledAt()), clientId, idempotencyKey, requestHash);
    }

    public Optional<IdempotencyRecord> findCaseKey(String clientId, String idempotencyKey) {
        return jdbc.query("select request_hash, id from overdue_case where client_id = ? and idem_key = ?",
                (rs, n) -> new IdempotencyRecord(rs.getString(1), rs.getString(2)), clientId, idempotencyKey).stream().findFirst();
    }

    public Optional<OverdueCase> findCase(String id) {
        return jdbc.query("select " + CASE_COLUMNS + " from overdue_case where id = ?", OverdueRepository::mapCase, id)
                .stream().findFirst();
    }

    /** The case, its row locked until the transaction ends: accruals and repayments of one case run one at a time. */
    public Optional<OverdueCase> lockCase(String id) {
        return jdbc.query("select " + CASE_COLUMNS + " from overdue_case where id = ? for update", OverdueRepository::mapCase, id)
                .stream().findFirst();
    }

    /** The case of the user's bill due on {@code dueDate} on {@code channel}, if it was reported. */
    public Optional<OverdueCase> findByBill(String userId, Channel channel, LocalDate dueDate) {
        return jdbc.query("select " + CASE_COLUMNS + " from overdue_case where user_id = ? and channel = ? and due_date = ?",
                OverdueRepository::mapCase, userId, channel.name(), dueDate).stream().findFirst();
    }

    /** The user's cases, open ones first, then by the time they were reported, newest first. */
    public List<OverdueCase> casesOf(String userId) {
        return jdbc.query("select " + CASE_COLUMNS + " from overdue_case where user_id = ? order by "
                + "case when state = 'OPEN' then 0 else 1 end, reported_at desc, id", OverdueRepository::mapCase, userId);
    }

    public void settle(String id, Instant at) {
        jdbc.update("update overdue_case set state = ?, settled_at = ? where id = ? and state = ?",
                OverdueCase.State.SETTLED.name(), ts(at), id, OverdueCase.State.OPEN.name());
    }

    // ---- accruals -------------------------------------------------------------------------------------------------

    public List<Accrual> accruals(String caseId) {
        return jdbc.query("select accrual_date, base, penalty from overdue_accrual where case_id = ? order by accrual_date",
                (rs, n) -> new Accrual(rs.getObject("accrual_date", LocalDate.class), rs.getBigDecimal("base"),
                        rs.getBigDecimal("penalty")), caseId);
    }

    /** Posts days' penalties; a day posted twice violates the primary key (callers hold the case's row lock). */
    public void insertAccruals(String caseId, List<Accrual> accruals, Instant at) {
        jdbc.batchUpdate("insert into overdue_accrual (case_id, accrual_date, base, penalty, accrued_at) values (?,?,?,?,?)",
                accruals.stream().map(a -> new Object[] {caseId, a.date(), a.base(), a.penalty(), ts(at)}).toList());
    }

    // ---- repayments -----------------------------------------------------------------------------------------------

    public List<Repayment> repayments(String caseId) {
        return jdbc.query("select " + REPAYMENT_COLUMNS + " from overdue_repayment where case_id = ? order by received_at, id",
                OverdueRepository::mapRepayment, caseId);
    }

    public Optional<Repayment> findRepayment(String id) {
        return jdbc.query("select " + REPAYMENT_COLUMNS + " from overdue_repayment where id = ?",
                OverdueRepository::mapRepayment, id).stream().findFirst();
    }

    /** Throws DuplicateKeyException when the client's Idempotency-Key was taken (perhaps concurrently). */
    public void insertRepayment(Repayment r, String clientId, String idempotencyKey, String requestHash) {
        jdbc.update("insert into overdue_repayment (" + REPAYMENT_COLUMNS + ", client_id, idem_key, request_hash) "
                        + "values (?,?,?,?,?,?,?,?,?,?,?)", r.id(), r.caseId(), r.amount(), r.penaltyPart(), r.principalPart(),
                r.principalAfter(), r.penaltyAfter(), ts(r.receivedAt()), clientId, idempotencyKey, requestHash);
    }

    public Optional<IdempotencyRecord> findRepaymentKey(String clientId, String idempotencyKey) {
        return jdbc.query("select request_hash, id from overdue_repayment where client_id = ? and idem_key = ?",
                (rs, n) -> new IdempotencyRecord(rs.getString(1), rs.getString(2)), clientId, idempotencyKey).stream().findFirst();
    }

    private static OverdueCase mapCase(ResultSet rs, int row) throws SQLException {
        return new OverdueCase(rs.getString("id"), rs.getString("user_id"), Channel.valueOf(rs.getString("channel")),
                rs.getObject("due_date", LocalDate.class), rs.getBigDecimal("amount_due"),
                OverdueCase.State.valueOf(rs.getString("state")), instant(rs, "reported_at"), instant(rs, "settled_at"));
    }

    private static Repayment mapRepayment(ResultSet rs, int row) throws SQLException {
        return new Repayment(rs.getString("id"), rs.getString("case_id"), rs.getBigDecimal("amount"),
                rs.getBigDecimal("penalty_part"), rs.getBigDecimal("principal_part"), rs.getBigDecimal("principal_after"),
                rs.getBigDecimal("penalty_after"), instant(rs, "received_at"));
    }
}
