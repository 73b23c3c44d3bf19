package com.bindflow.reports;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.binding.BindingStatus;
import com.bindflow.channel.Channel;
import com.bindflow.reports.BindingFunnel.ChannelFunnel;
import com.bindflow.reports.BindingFunnel.Step;
import com.bindflow.reports.BindingFunnel.Stop;
import com.bindflow.reports.BindingFunnel.TimeToActive;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The binding funnel per channel, from the binding records and their status timeline
 * ({@code binding_status_history}): counts in SQL (portable: H2 and PostgreSQL), medians and rates in Java with
 * BigDecimal. Bindings are counted by their creation time; what happened to them later counts too.
 */
@Service
public class BindingFunnelService {

    /** The step statuses in funnel order. UNDER_REVIEW is a side step: only bindings sent to manual review have it. */
    public static final List<BindingStatus> STEPS = List.of(BindingStatus.CHECKING_ELIGIBILITY,
            BindingStatus.UNDER_REVIEW, BindingStatus.AWAITING_AGREEMENT, BindingStatus.AWAITING_OTP,
            BindingStatus.AWAITING_WECHAT_AUTHORIZATION, BindingStatus.AWAITING_PREFERENCES,
            BindingStatus.AWAITING_FACE_VERIFICATION, BindingStatus.VERIFYING_PAYMENT, BindingStatus.ACTIVE);
    static final BindingStatus SIDE_STEP = BindingStatus.UNDER_REVIEW;

    /** Steps a binding can stop after: every step but ACTIVE. */
    private static final String STOP_STEPS = inList(STEPS.stream().filter(s -> s != BindingStatus.ACTIVE).toList());
    private static final String ENDED = inList(Arrays.stream(BindingStatus.values()).filter(BindingStatus::ended).toList());
    private static final String IN_PERIOD = "b.created_at >= ? and b.created_at < ?";
    private static final String NEVER_ACTIVE = "not exists (select 1 from binding_status_history a "
            + "where a.binding_id = b.id and a.status = 'ACTIVE')";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BindingFunnelService(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public BindingFunnel funnel(ReportPeriod period) {
        Instant generatedAt = clock.instant();
        Object[] range = {ts(period.from()), ts(period.to())};

        Map<Channel, Long> started = new EnumMap<>(Channel.class);
        jdbc.query("select b.channel, count(*) as n from binding b where " + IN_PERIOD + " group by b.channel",
                rs -> {
                    Channel c = channel(rs.getString("channel"));
                    if (c != null) {
                        started.put(c, rs.getLong("n"));
                    }
                }, range);

        Map<Channel, Map<BindingStatus, Long>> reached = new EnumMap<>(Channel.class);
        jdbc.query("select b.channel, h.status, count(distinct b.id) as n from binding b "
                        + "join binding_status_history h on h.binding_id = b.id where " + IN_PERIOD
                        + " group by b.channel, h.status",
                rs -> {
                    Channel c = channel(rs.getString("channel"));
                    BindingStatus s = status(rs.getString("status"));
                    long n = rs.getLong("n");
                    if (c != null && s != null) {
                        reached.computeIfAbsent(c, k -> new EnumMap<>(BindingStatus.class)).put(s, n);
                    }
                }, range);

        // ended without ever being ACTIVE: by final status, reason codes and the last step before the end (the
        // step entry of the timeline with no later step entry; ties on the time go by insertion order)
        Map<Channel, Map<StopKey, Long>> stopped = new EnumMap<>(Channel.class);
        jdbc.query("select t.channel, t.status, t.reason_codes, t.last_step, count(*) as n from ("
                        + "select b.channel, b.status, b.reason_codes, "
                        + "(select h.status from binding_status_history h where h.binding_id = b.id and h.status in "
                        + STOP_STEPS + " and not exists (select 1 from binding_status_history l "
                        + "where l.binding_id = b.id and l.status in " + STOP_STEPS
                        + " and (l.changed_at > h.changed_at or (l.changed_at = h.changed_at and l.id > h.id)))) as last_step "
                        + "from binding b where " + IN_PERIOD + " and b.status in " + ENDED + " and " + NEVER_ACTIVE
                        + ") t group by t.channel, t.status, t.reason_codes, t.last_step",
                rs -> {
                    Channel c = channel(rs.getString("channel"));
                    StopKey key = new StopKey(status(rs.getString("status")), primaryReason(rs.getString("reason_codes")),
                            status(rs.getString("last_step")));
                    long n = rs.getLong("n");
                    if (c != null) {
                        stopped.computeIfAbsent(c, k -> new LinkedHashMap<>()).merge(key, n, Long::sum);
                    }
                }, range);

        Map<Channel, Long> inProgress = new EnumMap<>(Channel.class);
        jdbc.query("select b.channel, count(*) as n from binding b where " + IN_PERIOD + " and b.status not in " + ENDED
                        + " and " + NEVER_ACTIVE + " group by b.channel",
                rs -> {
                    Channel c = channel(rs.getString("channel"));
                    if (c != null) {
                        inProgress.put(c, rs.getLong("n"));
                    }
                }, range);

        Map<Channel, List<Duration>> toActive = new EnumMap<>(Channel.class);
        jdbc.query("select b.id, b.channel, b.created_at, min(h.changed_at) as active_at from binding b "
                        + "join binding_status_history h on h.binding_id = b.id and h.status = 'ACTIVE' where " + IN_PERIOD
                        + " group by b.id, b.channel, b.created_at",
                rs -> {
                    Channel c = channel(rs.getString("channel"));
                    Duration d = Duration.between(instant(rs, "created_at"), instant(rs, "active_at"));
                    if (c != null) {
                        toActive.computeIfAbsent(c, k -> new ArrayList<>()).add(d);
                    }
                }, range);

        Map<Channel, ChannelFunnel> channels = new LinkedHashMap<>();
        for (Channel c : Channel.values()) {
            long start = started.getOrDefault(c, 0L);
            Map<BindingStatus, Long> r = reached.getOrDefault(c, Map.of());
            List<Step> steps = STEPS.stream()
                    .map(s -> new Step(s, r.getOrDefault(s, 0L), s == SIDE_STEP ? Boolean.TRUE : null)).toList();
            List<Stop> stops = stopped.getOrDefault(c, Map.of()).entrySet().stream()
                    .map(e -> new Stop(e.getKey().status(), e.getKey().reason(), e.getKey().lastStep(), e.getValue()))
                    .sorted(STOP_ORDER).toList();
            List<Duration> durations = toActive.getOrDefault(c, List.of());
            channels.put(c, new ChannelFunnel(start, steps, stops, inProgress.getOrDefault(c, 0L),
                    FunnelMath.text(FunnelMath.rate(r.getOrDefault(BindingStatus.ACTIVE, 0L), start)),
                    new TimeToActive(durations.size(), FunnelMath.medianSeconds(durations),
                            FunnelMath.meanSeconds(durations), FunnelMath.percentileSeconds(durations, 90))));
        }
        BigDecimal gap = FunnelMath.gapInPoints(
                FunnelMath.rate(reached.getOrDefault(Channel.JD_APP, Map.of()).getOrDefault(BindingStatus.ACTIVE, 0L),
                        started.getOrDefault(Channel.JD_APP, 0L)),
                FunnelMath.rate(reached.getOrDefault(Channel.WECHAT, Map.of()).getOrDefault(BindingStatus.ACTIVE, 0L),
                        started.getOrDefault(Channel.WECHAT, 0L)));
        return new BindingFunnel(new BindingFunnel.Period(period.from(), period.to(), period.zone().getId()),
                generatedAt, channels, FunnelMath.text(gap));
    }

    /** Funnel order of the last step, then status and reason by name: reads as drop-off along the funnel. */
    private static final Comparator<Stop> STOP_ORDER = Comparator
            .comparing((Stop s) -> s.lastStep() == null ? Integer.MAX_VALUE : STEPS.indexOf(s.lastStep()))
            .thenComparing(s -> s.status().name())
            .thenComparing(Stop::reason, Comparator.nullsLast(Comparator.naturalOrder()));

    private record StopKey(BindingStatus status, String reason, BindingStatus lastStep) {
    }

    /** The first code of a stored reason list ("FACE_MISMATCH,WECHAT_AUTHORIZATION_REVOKED" → FACE_MISMATCH). */
    static String primaryReason(String reasonCodes) {
        if (reasonCodes == null || reasonCodes.isBlank()) {
            return null;
        }
        int comma = reasonCodes.indexOf(',');
        return (comma < 0 ? reasonCodes : reasonCodes.substring(0, comma)).trim();
    }

    /** The channel of a stored name; null for one this version does not know (left out of the report). */
    private static Channel channel(String name) {
        return Arrays.stream(Channel.values()).filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The status of a stored name; null for none or one this version does not know. */
    private static BindingStatus status(String name) {
        return Arrays.stream(BindingStatus.values()).filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    private static String inList(List<BindingStatus> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
