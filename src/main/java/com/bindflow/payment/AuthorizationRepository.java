package com.bindflow.payment;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.risk.LayerResult;
import com.bindflow.risk.RiskFacts;
import com.bindflow.risk.RiskOutcome;
import com.bindflow.risk.RiskProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code payment_authorization} table: one row per attempt. Joins the caller's transaction. */
@Repository
public class AuthorizationRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<LayerResult>> LAYERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, client_id, idem_key, request_hash, user_id, binding_id, scenario, amount, "
            + "payee_type, payee_id, purpose, city, occurred_at, created_at, beijing_day, decision, reason_codes, "
            + "risk_outcome, risk_layers, step_up_expires_at, face_attempts, decided_at, reversed_at";

    private final JdbcTemplate jdbc;

    public AuthorizationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Authorization a) {
        jdbc.update("insert into payment_authorization (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                a.id(), a.clientId(), a.idempotencyKey(), a.requestHash(), a.userId(), a.bindingId(), a.scenario().name(),
                a.amount(), a.payeeType().name(), a.payeeId(), a.purpose(), a.city(), ts(a.occurredAt()), ts(a.createdAt()),
                a.beijingDay(), a.decision().name(), join(a.reasonCodes()), a.riskOutcome().name(), json(a.riskLayers()),
                ts(a.stepUpExpiresAt()), a.faceAttempts(), ts(a.decidedAt()), ts(a.reversedAt()));
    }

    public Optional<Authorization> find(String id) {
        return jdbc.query("select " + COLUMNS + " from payment_authorization where id = ?", AuthorizationRepository::map, id)
                .stream().findFirst();
    }

    public Optional<Authorization> findByKey(String clientId, String key) {
        return jdbc.query("select " + COLUMNS + " from payment_authorization where client_id = ? and idem_key = ?",
                AuthorizationRepository::map, clientId, key).stream().findFirst();
    }

    /** Moves a STEP_UP_REQUIRED authorization to its final decision; false when it was no longer waiting. */
    public boolean decideStepUp(String id, Decision decision, List<String> reasonCodes, int faceAttempts, Instant now) {
        return jdbc.update("update payment_authorization set decision = ?, reason_codes = ?, face_attempts = ?, decided_at = ? "
                        + "where id = ? and decision = 'STEP_UP_REQUIRED'",
                decision.name(), join(reasonCodes), faceAttempts, ts(now), id) == 1;
    }

    /** The evaluation after the face answer: its outcome and the layers of both evaluations, as GET shows them. */
    public void recordRiskAfterStepUp(String id, RiskOutcome outcome, List<LayerResult> layers) {
        jdbc.update("update payment_authorization set risk_outcome = ?, risk_layers = ? where id = ?",
                outcome.name(), json(layers), id);
    }

    public void recordFaceAttempts(String id, int faceAttempts) {
        jdbc.update("update payment_authorization set face_attempts = ? where id = ?", faceAttempts, id);
    }

    /**
     * Declines every STEP_UP_REQUIRED authorization (or only {@code id}, when not null) whose 5 minutes are over at
     * {@code now}, as of its expiry instant. A single conditional statement: safe when several nodes sweep at once.
     */
    public int expireStepUps(String id, Instant now) {
        String sql = "update payment_authorization set decision = 'DECLINED', reason_codes = 'STEP_UP_EXPIRED', "
                + "decided_at = step_up_expires_at where decision = 'STEP_UP_REQUIRED' and step_up_expires_at <= ?";
        return id == null ? jdbc.update(sql, ts(now)) : jdbc.update(sql + " and id = ?", ts(now), id);
    }

    /** Marks an APPROVED authorization reversed; false when it already was (or is not approved). */
    public boolean markReversed(String id, Instant now) {
        return jdbc.update("update payment_authorization set reversed_at = ? where id = ? and decision = 'APPROVED' "
                + "and reversed_at is null", ts(now), id) == 1;
    }

    /** The customer's history with the risk windows, and today's approved offline scans (the daily limit). */
    public record CustomerHistory(RiskFacts.History risk, BigDecimal offlineApprovedToday) {
    }

    /**
     * One query over the customer's attempts since the earliest window start: what the risk layers count (see
     * {@link RiskFacts.History}) and the approved, not reversed offline scans of {@code day}.
     */
    public CustomerHistory history(String userId, String city, Instant now, LocalDate day, Instant dayStart,
                                   Instant activatedAt, Instant burstCountFrom, RiskProperties risk) {
        Instant velocityStart = now.minus(risk.velocity().window());
        Instant lookbackStart = now.minus(risk.unusualCity().lookback());
        Instant burstStart = activatedAt == null ? now
                : burstCountFrom != null && burstCountFrom.isAfter(activatedAt) ? burstCountFrom : activatedAt;
        Instant burstEnd = activatedAt == null ? now : activatedAt.plus(risk.burst().window());
        Instant since = Stream.of(velocityStart, lookbackStart, burstStart, dayStart).min(Instant::compareTo).orElseThrow();
        String cityKey = cityKey(city);
        String burst = "scenario = ? and amount >= ? and created_at >= ? and created_at < ?";
        Object[] burstArgs = {risk.burst().scenario(), risk.burst().minAmount(), ts(burstStart), ts(burstEnd)};
        Object[] args = Stream.of(
                new Object[] {ts(velocityStart), ts(lookbackStart), ts(lookbackStart), cityKey},
                burstArgs, burstArgs, burstArgs, new Object[] {cityKey, day, userId, ts(since)})
                .flatMap(Arrays::stream).toArray();
        return jdbc.queryForObject("select "
                        + "count(case when created_at >= ? then 1 end) as recent, "
                        + "count(case when decision = 'APPROVED' and created_at >= ? then 1 end) as approved, "
                        + "count(case when decision = 'APPROVED' and created_at >= ? and lower(city) = ? then 1 end) as approved_here, "
                        + "count(case when " + burst + " then 1 end) as burst, "
                        + "count(distinct case when " + burst + " then lower(city) end) as burst_cities, "
                        + "count(case when " + burst + " and lower(city) = ? then 1 end) as burst_here, "
                        + "coalesce(sum(case when scenario = 'OFFLINE_SCAN' and beijing_day = ? and decision = 'APPROVED' "
                        + "and reversed_at is null then amount end), 0) as offline_today "
                        + "from payment_authorization where user_id = ? and created_at >= ?",
                (rs, n) -> new CustomerHistory(new RiskFacts.History(rs.getLong("recent"), rs.getLong("approved"),
                        rs.getLong("approved_here"), rs.getLong("burst"), rs.getLong("burst_cities"),
                        rs.getLong("burst_here") > 0), rs.getBigDecimal("offline_today").setScale(2)),
                args);
    }

    /**
     * The customer's attempts of a scenario of at least {@code minAmount} in [from, to], oldest first: what a burst
     * rule counted.
     */
    public List<Authorization> attempts(String userId, Scenario scenario, BigDecimal minAmount, Instant from, Instant to) {
        return jdbc.query("select " + COLUMNS + " from payment_authorization where user_id = ? and scenario = ? "
                        + "and amount >= ? and created_at >= ? and created_at <= ? order by created_at, id",
                AuthorizationRepository::map, userId, scenario.name(), minAmount, ts(from), ts(to));
    }

    /** Cities compare without case and outer spaces ("Shanghai" = " shanghai "). */
    static String cityKey(String city) {
        return city.trim().toLowerCase(Locale.ROOT);
    }

    private static Authorization map(ResultSet rs, int row) throws SQLException {
        return new Authorization(rs.getString("id"), rs.getString("client_id"), rs.getString("idem_key"),
                rs.getString("request_hash"), rs.getString("user_id"), rs.getString("binding_id"),
                Scenario.valueOf(rs.getString("scenario")), rs.getBigDecimal("amount"),
                PayeeType.valueOf(rs.getString("payee_type")), rs.getString("payee_id"), rs.getString("purpose"),
                rs.getString("city"), instant(rs, "occurred_at"), instant(rs, "created_at"),
                rs.getObject("beijing_day", LocalDate.class), Decision.valueOf(rs.getString("decision")),
                split(rs.getString("reason_codes")), RiskOutcome.valueOf(rs.getString("risk_outcome")),
                layers(rs.getString("risk_layers")), instant(rs, "step_up_expires_at"), rs.getInt("face_attempts"),
                instant(rs, "decided_at"), instant(rs, "reversed_at"));
    }

    private static String json(List<LayerResult> layers) {
        try {
            return JSON.writeValueAsString(layers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<LayerResult> layers(String json) {
        try {
            return JSON.readValue(json, LAYERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable risk layers: " + json, e);
        }
    }

    private static String join(List<String> codes) {
        return codes == null || codes.isEmpty() ? null : String.join(",", codes);
    }

    private static List<String> split(String codes) {
        return codes == null || codes.isBlank() ? List.of() : Arrays.asList(codes.split(","));
    }
}
