package com.bindflow.binding;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.channel.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The binding table and its companions. Plain JDBC on the application's DataSource: every write joins the
 * transaction of the caller, so a status written by a process step commits or rolls back with that step.
 */
@Repository
public class BindingRepository {

    private static final String COLUMNS = "id, user_id, channel, status, reason_codes, status_message, agreement_version, "
            + "agreement_accepted_at, review_due_at, created_at, updated_at, ended_at, wechat_contract_code, "
            + "wechat_contract_id, authorization_url, payment_priority, per_transaction_cap, preferences_set_at, "
            + "face_attempts, activated_at, wechat_request_id";
    /** {@link #COLUMNS} of the table aliased {@code b}: the same names in the result. */
    private static final String JOINED_COLUMNS = Arrays.stream(COLUMNS.split(",\\s*")).map(c -> "b." + c)
            .collect(java.util.stream.Collectors.joining(", "));
    private static final String INSERT_COLUMNS = "id, user_id, channel, status, reason_codes, status_message, "
            + "agreement_version, agreement_accepted_at, review_due_at, created_at, updated_at, ended_at, wechat_request_id";

    private final JdbcTemplate jdbc;

    private final BindingMetrics metrics;
    private final BindingChanges changes;

    public BindingRepository(JdbcTemplate jdbc, BindingMetrics metrics, BindingChanges changes) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.changes = changes;
    }

    public void insert(Binding b) {
        jdbc.update("insert into binding (" + INSERT_COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                b.id(), b.userId(), b.channel().name(), b.status().name(), join(b.reasonCodes()), b.statusMessage(),
                b.agreementVersion(), ts(b.agreementAcceptedAt()), ts(b.reviewDueAt()), ts(b.createdAt()),
                ts(b.updatedAt()), ts(b.endedAt()), b.wechat().requestId());
        changes.changed(b.id());
        appendHistory(b.id(), b.status(), b.reasonCodes(), b.createdAt());
        metrics.started(b.channel());
    }

    public Optional<Binding> find(String id) {
        return jdbc.query("select " + COLUMNS + " from binding where id = ?", BindingRepository::map, id).stream().findFirst();
    }

    /** Reads the binding and locks its row until the transaction ends: REST steps on one binding run one at a time. */
    public Optional<Binding> lock(String id) {
        return jdbc.query("select " + COLUMNS + " from binding where id = ? for update", BindingRepository::map, id)
                .stream().findFirst();
    }

    /** The user's binding in progress or ACTIVE (the one holding the user's open slot), if any. */
    public Optional<Binding> findOpenByUser(String userId) {
        return jdbc.query("select b.* from binding b join binding_open o "
                + "on o.binding_id = b.id where o.user_id = ?", BindingRepository::map, userId).stream().findFirst();
    }

    /** The binding that answers WeChat's binding request {@code wechatRequestId}, if any. */
    public Optional<Binding> findByWechatRequest(String wechatRequestId) {
        return jdbc.query("select " + COLUMNS + " from binding where wechat_request_id = ?", BindingRepository::map,
                wechatRequestId).stream().findFirst();
    }

    public List<Binding> findByUser(String userId) {
        return jdbc.query("select " + COLUMNS + " from binding where user_id = ? order by created_at desc, id",
                BindingRepository::map, userId);
    }

    /** Changes the status; an ended status frees the user for a new binding. Writes the timeline. */
    public void changeStatus(String id, BindingStatus status, List<String> reasonCodes, String message, Instant now) {
        // what it was, and since when: for the metrics (time in the step left)
        List<Object[]> before = jdbc.query("select b.channel, b.status, (select max(h.changed_at) from binding_status_history h "
                + "where h.binding_id = b.id) as since from binding b where b.id = ?", (rs, n) -> new Object[] {
                Channel.valueOf(rs.getString("channel")), BindingStatus.valueOf(rs.getString("status")),
                instant(rs, "since")}, id);
        int updated = jdbc.update("update binding set status = ?, reason_codes = ?, status_message = ?, updated_at = ?, "
                        + "ended_at = ? where id = ?",
                status.name(), join(reasonCodes), message, ts(now), status.ended() ? ts(now) : null, id);
        if (updated != 1) {
            throw new IllegalStateException("no binding " + id);
        }
        appendHistory(id, status, reasonCodes, now);
        changes.changed(id);
        if (!before.isEmpty()) {
            Object[] was = before.get(0);
            metrics.statusChanged((Channel) was[0], (BindingStatus) was[1], (Instant) was[2], status, reasonCodes, now);
        }
        if (status.ended()) {
            jdbc.update("delete from binding_open where binding_id = ?", id);
        }
    }

    public void recordAgreement(String id, String version, Instant acceptedAt) {
        jdbc.update("update binding set agreement_version = ?, agreement_accepted_at = ?, updated_at = ? where id = ?",
                version, ts(acceptedAt), ts(acceptedAt), id);
        changes.changed(id);
    }

    public void recordReviewDue(String id, Instant dueAt) {
        jdbc.update("update binding set review_due_at = ? where id = ?", ts(dueAt), id);
        changes.changed(id);
    }

    public void recordAuthorizationRequest(String id, String contractCode, String authorizationUrl) {
        jdbc.update("update binding set wechat_contract_code = ?, authorization_url = ? where id = ?",
                contractCode, authorizationUrl, id);
        changes.changed(id);
    }

    public void recordAuthorization(String id, String contractId, Integer priority) {
        jdbc.update("update binding set wechat_contract_id = ?, payment_priority = ? where id = ?", contractId, priority, id);
        changes.changed(id);
    }

    public void recordPreferences(String id, java.math.BigDecimal perTransactionCap, Instant at) {
        jdbc.update("update binding set per_transaction_cap = ?, preferences_set_at = ?, updated_at = ? where id = ?",
                perTransactionCap, ts(at), ts(at), id);
        changes.changed(id);
    }

    public void recordFaceAttempts(String id, int attempts) {
        jdbc.update("update binding set face_attempts = ? where id = ?", attempts, id);
        changes.changed(id);
    }

    public void recordActivation(String id, Instant at) {
        jdbc.update("update binding set activated_at = ? where id = ?", ts(at), id);
        changes.changed(id);
    }

    /** A binding with its timeline, read in one statement (GET /api/bindings/{id}, which the JD app polls). */
    public record WithHistory(Binding binding, List<Binding.StatusChange> history) {
    }

    public Optional<WithHistory> findWithHistory(String id) {
        List<Binding.StatusChange> history = new java.util.ArrayList<>();
        Binding[] binding = {null};
        jdbc.query("select " + JOINED_COLUMNS + ", h.status as h_status, h.reason_codes as h_reason_codes, "
                + "h.changed_at as h_changed_at from binding b left join binding_status_history h on h.binding_id = b.id "
                + "where b.id = ? order by h.changed_at, h.id", rs -> {
                    if (binding[0] == null) {
                        binding[0] = map(rs, 0);
                    }
                    if (rs.getString("h_status") != null) {
                        history.add(statusChange(rs, "h_"));
                    }
                }, id);
        return binding[0] == null ? Optional.empty() : Optional.of(new WithHistory(binding[0], List.copyOf(history)));
    }

    public List<Binding.StatusChange> history(String id) {
        return jdbc.query("select status, reason_codes, changed_at from binding_status_history where binding_id = ? "
                        + "order by changed_at, id", (rs, n) -> statusChange(rs, ""), id);
    }

    /** One row of binding_status_history, its columns named with {@code prefix}. */
    private static Binding.StatusChange statusChange(ResultSet rs, String prefix) throws SQLException {
        return new Binding.StatusChange(BindingStatus.valueOf(rs.getString(prefix + "status")),
                split(rs.getString(prefix + "reason_codes")), instant(rs, prefix + "changed_at"));
    }

    // --- one open binding per user -----------------------------------------------------------------------

    public Optional<String> openBindingOf(String userId) {
        return jdbc.queryForList("select binding_id from binding_open where user_id = ?", String.class, userId)
                .stream().findFirst();
    }

    /** Claims the user's single open slot; throws DuplicateKeyException when another binding holds it. */
    public void claimOpenSlot(String userId, String bindingId) {
        jdbc.update("insert into binding_open (user_id, binding_id) values (?, ?)", userId, bindingId);
    }

    // --- idempotency keys ----------------------------------------------------------------------------------

    public record IdempotencyRecord(String requestHash, String bindingId) {
    }

    public Optional<IdempotencyRecord> findIdempotencyKey(String clientId, String key) {
        return jdbc.query("select request_hash, binding_id from idempotency_key where client_id = ? and idem_key = ?",
                (rs, n) -> new IdempotencyRecord(rs.getString(1), rs.getString(2)), clientId, key).stream().findFirst();
    }

    /** Throws DuplicateKeyException when the key was taken meanwhile (then the caller replays it). */
    public void insertIdempotencyKey(String clientId, String key, String requestHash, String bindingId, Instant now) {
        jdbc.update("insert into idempotency_key (client_id, idem_key, request_hash, binding_id, created_at) "
                + "values (?,?,?,?,?)", clientId, key, requestHash, bindingId, ts(now));
    }

    private void appendHistory(String id, BindingStatus status, List<String> reasonCodes, Instant at) {
        jdbc.update("insert into binding_status_history (binding_id, status, reason_codes, changed_at) values (?,?,?,?)",
                id, status.name(), join(reasonCodes), ts(at));
    }

    private static Binding map(ResultSet rs, int row) throws SQLException {
        return new Binding(rs.getString("id"), rs.getString("user_id"), Channel.valueOf(rs.getString("channel")),
                BindingStatus.valueOf(rs.getString("status")), split(rs.getString("reason_codes")),
                rs.getString("status_message"), rs.getString("agreement_version"),
                instant(rs, "agreement_accepted_at"), instant(rs, "review_due_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "ended_at"),
                new Binding.WeChat(rs.getString("wechat_contract_code"), rs.getString("wechat_contract_id"),
                        rs.getString("authorization_url"), (Integer) rs.getObject("payment_priority"),
                        rs.getBigDecimal("per_transaction_cap"), instant(rs, "preferences_set_at"),
                        rs.getInt("face_attempts"), instant(rs, "activated_at"), rs.getString("wechat_request_id")));
    }

    private static String join(List<String> codes) {
        return codes == null || codes.isEmpty() ? null : String.join(",", codes);
    }

    static List<String> split(String codes) {
        return codes == null || codes.isBlank() ? List.of() : Arrays.asList(codes.split(","));
    }
}
