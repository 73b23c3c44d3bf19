package com.bindflow.reports;

import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.payment.Decision;
import com.bindflow.payment.Scenario;
import com.bindflow.payment.StepUps;
import com.bindflow.reports.PaymentFailureReport.Figures;
import com.bindflow.reports.PaymentFailureReport.ReasonCount;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The payment failure rate from {@code payment_authorization}: counts grouped in SQL, rates in Java with BigDecimal.
 * Step-ups whose 5 minutes are over are declined first, so they count as what they are.
 */
@Service
public class PaymentReportService {

    private final JdbcTemplate jdbc;
    private final StepUps stepUps;
    private final Clock clock;

    public PaymentReportService(JdbcTemplate jdbc, StepUps stepUps, Clock clock) {
        this.jdbc = jdbc;
        this.stepUps = stepUps;
        this.clock = clock;
    }

    public PaymentFailureReport failures(ReportPeriod period) {
        stepUps.expireStepUps();
        Map<Scenario, Tally> tallies = new EnumMap<>(Scenario.class);
        for (Scenario s : Scenario.values()) {
            tallies.put(s, new Tally());
        }
        Tally all = new Tally();
        jdbc.query("select scenario, decision, reason_codes, count(*) as n from payment_authorization "
                        + "where created_at >= ? and created_at < ? group by scenario, decision, reason_codes",
                rs -> {
                    Decision decision = Decision.valueOf(rs.getString("decision"));
                    String reason = BindingFunnelService.primaryReason(rs.getString("reason_codes"));
                    long n = rs.getLong("n");
                    all.add(decision, reason, n);
                    tallies.get(Scenario.valueOf(rs.getString("scenario"))).add(decision, reason, n);
                }, ts(period.from()), ts(period.to()));
        jdbc.query("select scenario, reason, count(*) as n from payment_failure where failed_at >= ? and failed_at < ? "
                        + "group by scenario, reason",
                rs -> {
                    long n = rs.getLong("n");
                    all.technicalFailure(rs.getString("reason"), n);
                    tallies.get(Scenario.valueOf(rs.getString("scenario"))).technicalFailure(rs.getString("reason"), n);
                }, ts(period.from()), ts(period.to()));
        Map<Scenario, Figures> byScenario = new LinkedHashMap<>();
        tallies.forEach((s, t) -> byScenario.put(s, t.figures()));
        return new PaymentFailureReport(new BindingFunnel.Period(period.from(), period.to(), period.zone().getId()),
                clock.instant(), all.figures(), byScenario);
    }

    /** Counts of one group of attempts. */
    private static final class Tally {
        private final Map<Decision, Long> byDecision = new EnumMap<>(Decision.class);
        private final Map<String, Long> failedByReason = new HashMap<>();
        private long technical;

        void add(Decision decision, String reason, long n) {
            byDecision.merge(decision, n, Long::sum);
            if (decision.refused()) {
                failedByReason.merge(reason == null ? "UNKNOWN" : reason, n, Long::sum);
            }
        }

        void technicalFailure(String reason, long n) {
            technical += n;
            failedByReason.merge(reason, n, Long::sum);
        }

        Figures figures() {
            long approved = count(Decision.APPROVED);
            long declined = count(Decision.DECLINED);
            long frozen = count(Decision.FROZEN);
            long pending = count(Decision.STEP_UP_REQUIRED);
            long decided = approved + declined + frozen + technical;
            List<ReasonCount> reasons = new ArrayList<>();
            failedByReason.forEach((reason, n) -> reasons.add(new ReasonCount(reason, n,
                    FunnelMath.text(FunnelMath.rate(n, decided)))));
            reasons.sort(Comparator.comparingLong(ReasonCount::count).reversed().thenComparing(ReasonCount::reason));
            long failed = declined + frozen + technical;
            return new Figures(decided + pending, approved, declined, frozen, technical, failed, pending,
                    FunnelMath.text(FunnelMath.rate(failed, decided)), reasons);
        }

        private long count(Decision d) {
            return byDecision.getOrDefault(d, 0L);
        }
    }
}
