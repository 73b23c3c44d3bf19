package com.bindflow.unfreeze;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The tables of the Unfreeze review: {@code unfreeze_case}, {@code unfreeze_request}, {@code unfreeze_trip}. */
@Repository
public class UnfreezeRepository {

    private static final String CASE_COLUMNS = "id, user_id, state, proof_due_at, opened_at, ended_at, opened_by_freeze_id";
    private static final String REQUEST_COLUMNS = "id, case_id, user_id, attempt, document_ref, submitted_at, review_due_at, "
            + "state, escalated_at, decided_at, decided_by, decision_reason";

    private final JdbcTemplate jdbc;

    public UnfreezeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- cases ----------------------------------------------------------------------------------------------------

    public Optional<UnfreezeCase> findOpenCase(String userId) {
        return jdbc.query("select " + CASE_COLUMNS + " from unfreeze_case where open_user_id = ?", UnfreezeRepository::mapCase,
                userId).stream().findFirst();
    }

    /** The user's open case, its row locked until the transaction ends: submissions of one user run one at a time. */
    public Optional<UnfreezeCase> lockOpenCase(String userId) {
        return jdbc.query("select " + CASE_COLUMNS + " from unfreeze_case where open_user_id = ? for update",
                UnfreezeRepository::mapCase, userId).stream().findFirst();
    }

    public Optional<UnfreezeCase> findCase(String id) {
        return jdbc.query("select " + CASE_COLUMNS + " from unfreeze_case where id = ?", UnfreezeRepository::mapCase, id)
                .stream().findFirst();
    }

    /** The user's most recent case, open or ended. */
    public Optional<UnfreezeCase> latestCase(String userId) {
        return jdbc.query("select " + CASE_COLUMNS + " from unfreeze_case where user_id = ? order by opened_at desc, "
                + "case when open_user_id is null then 1 else 0 end", UnfreezeRepository::mapCase, userId).stream().findFirst();
    }

    /** An open case; throws DuplicateKeyException when the user has an open case already (perhaps opened concurrently). */
    public void insertOpenCase(UnfreezeCase c) {
        jdbc.update("insert into unfreeze_case (id, user_id, open_user_id, opened_by_freeze_id, state, proof_due_at, opened_at) "
                        + "values (?,?,?,?,?,?,?)", c.id(), c.userId(), c.userId(), c.openedByFreezeId(), c.state().name(),
                ts(c.proofDueAt()), ts(c.openedAt()));
    }

    public void changeCaseState(String id, UnfreezeCase.State state) {
        jdbc.update("update unfreeze_case set state = ? where id = ? and ended_at is null", state.name(), id);
    }

    public void recordProofDue(String id, Instant dueAt) {
        jdbc.update("update unfreeze_case set proof_due_at = ? where id = ?", ts(dueAt), id);
    }

    /** Ends an open case (UNFROZEN or CLOSED) and frees the user's open-case slot; ending it again changes nothing. */
    public void endCase(String id, UnfreezeCase.State state, Instant at) {
        jdbc.update("update unfreeze_case set state = ?, ended_at = ?, open_user_id = null where id = ? and ended_at is null",
                state.name(), ts(at), id);
    }

    // ---- requests -------------------------------------------------------------------------------------------------

    public int nextAttempt(String caseId) {
        Integer last = jdbc.queryForObject("select max(attempt) from unfreeze_request where case_id = ?", Integer.class, caseId);
        return last == null ? 1 : last + 1;
    }

    public void insertRequest(UnfreezeRequest r) {
        jdbc.update("insert into unfreeze_request (" + REQUEST_COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?)", r.id(),
                r.caseId(), r.userId(), r.attempt(), r.documentRef(), ts(r.submittedAt()), ts(r.reviewDueAt()),
                r.state().name(), ts(r.escalatedAt()), ts(r.decidedAt()), r.decidedBy(), r.decisionReason());
        for (int i = 0; i < r.trips().size(); i++) {
            UnfreezeRequest.Trip trip = r.trips().get(i);
            jdbc.update("insert into unfreeze_trip (request_id, trip_no, city, start_date, end_date) values (?,?,?,?,?)",
                    r.id(), i + 1, trip.city(), trip.startDate(), trip.endDate());
        }
    }

    public Optional<UnfreezeRequest> findRequest(String id) {
        return jdbc.query("select " + REQUEST_COLUMNS + " from unfreeze_request where id = ?", UnfreezeRepository::mapRequest, id)
                .stream().findFirst().map(this::withTrips);
    }

    public Optional<UnfreezeRequest> latestRequest(String caseId) {
        return jdbc.query("select " + REQUEST_COLUMNS + " from unfreeze_request where case_id = ? order by attempt desc",
                UnfreezeRepository::mapRequest, caseId).stream().findFirst().map(this::withTrips);
    }

    public void recordEscalation(String requestId, Instant at) {
        jdbc.update("update unfreeze_request set escalated_at = ? where id = ? and escalated_at is null", ts(at), requestId);
    }

    /** Records the decision on a proof under review; false when it was decided already (the other reviewer was first). */
    public boolean recordDecision(String requestId, UnfreezeRequest.State decision, String decidedBy, String reason, Instant at) {
        return jdbc.update("update unfreeze_request set state = ?, decided_at = ?, decided_by = ?, decision_reason = ? "
                        + "where id = ? and state = ?", decision.name(), ts(at), decidedBy, reason, requestId,
                UnfreezeRequest.State.UNDER_REVIEW.name()) == 1;
    }

    private static UnfreezeCase mapCase(ResultSet rs, int row) throws SQLException {
        return new UnfreezeCase(rs.getString("id"), rs.getString("user_id"), UnfreezeCase.State.valueOf(rs.getString("state")),
                instant(rs, "proof_due_at"), instant(rs, "opened_at"), instant(rs, "ended_at"),
                rs.getString("opened_by_freeze_id"));
    }

    private static UnfreezeRequest mapRequest(ResultSet rs, int row) throws SQLException {
        return new UnfreezeRequest(rs.getString("id"), rs.getString("case_id"), rs.getString("user_id"), rs.getInt("attempt"),
                rs.getString("document_ref"), List.of(), instant(rs, "submitted_at"), instant(rs, "review_due_at"),
                UnfreezeRequest.State.valueOf(rs.getString("state")), instant(rs, "escalated_at"),
                instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_reason"));
    }

    private UnfreezeRequest withTrips(UnfreezeRequest r) {
        List<UnfreezeRequest.Trip> trips = jdbc.query("select city, start_date, end_date from unfreeze_trip where request_id = ? "
                + "order by trip_no", (t, n) -> new UnfreezeRequest.Trip(t.getString("city"),
                t.getObject("start_date", LocalDate.class), t.getObject("end_date", LocalDate.class)), r.id());
        return new UnfreezeRequest(r.id(), r.caseId(), r.userId(), r.attempt(), r.documentRef(), trips, r.submittedAt(),
                r.reviewDueAt(), r.state(), r.escalatedAt(), r.decidedAt(), r.decidedBy(), r.decisionReason());
    }
}
