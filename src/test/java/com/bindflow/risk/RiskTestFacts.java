package com.bindflow.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Facts and settings for the plain risk tests: an ordinary daytime payment of an ACTIVE customer, changed per test. */
final class RiskTestFacts {

    /** Wednesday 2026-03-11 10:00 Beijing. */
    static final Instant NOON = OffsetDateTime.parse("2026-03-11T10:00:00+08:00").toInstant();
    static final Instant ACTIVATED_LONG_AGO = NOON.minusSeconds(30L * 24 * 3600);

    private RiskTestFacts() {
    }

    /** The settings as the application binds them from {@code overrides} (defaults from the annotations). */
    static RiskProperties settings(Map<String, String> overrides) {
        return new Binder(new MapConfigurationPropertySource(overrides)).bindOrCreate("bindflow.risk", RiskProperties.class);
    }

    static RiskProperties defaults() {
        return settings(Map.of());
    }

    static RiskFacts ordinary() {
        return facts("OFFLINE_SCAN", "100.00", "Shanghai", NOON, RiskFacts.History.NONE);
    }

    static RiskFacts facts(String scenario, String amount, String city, Instant now, RiskFacts.History history) {
        return new RiskFacts("demo-ok", scenario, new BigDecimal(amount), city, now, false, "ACTIVE", ACTIVATED_LONG_AGO,
                new BigDecimal("15000.00"), new BigDecimal("10000.00"), history);
    }

    static RiskFacts with(RiskFacts f, boolean frozen, String bindingStatus, Instant activatedAt) {
        return new RiskFacts(f.userId(), f.scenario(), f.amount(), f.city(), f.now(), frozen, bindingStatus, activatedAt,
                f.availableCredit(), f.exposureHeadroom(), f.history());
    }

    static RiskFacts withCredit(RiskFacts f, String available, String headroom) {
        return new RiskFacts(f.userId(), f.scenario(), f.amount(), f.city(), f.now(), f.accountFrozen(), f.bindingStatus(),
                f.activatedAt(), new BigDecimal(available), new BigDecimal(headroom), f.history());
    }

    static RiskFacts.History history(long recent, long approved, long approvedHere, long burst, long burstCities,
                                     boolean burstSeenCity) {
        return new RiskFacts.History(recent, approved, approvedHere, burst, burstCities, burstSeenCity);
    }
}
