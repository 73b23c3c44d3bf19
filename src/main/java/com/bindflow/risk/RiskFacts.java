package com.bindflow.risk;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the risk layers look at for one payment attempt: the attempt itself, the customer's state and a summary of
 * the customer's earlier attempts (gathered in one query, see {@link History}). Plain data: layers are pure functions.
 *
 * @param scenario          ONLINE, OFFLINE_SCAN, TRANSFER, VIRTUAL_TOPUP or CROSS_BORDER
 * @param city              where the customer pays from, as given
 * @param now               the decision's time (engine clock)
 * @param bindingStatus     the status of the customer's open binding, null when there is none
 * @param activatedAt       when that binding became ACTIVE, null if never
 * @param availableCredit   available Baitiao credit now (yuan)
 * @param exposureHeadroom  what the WeChat channel's exposure limit leaves (yuan)
 */
public record RiskFacts(String userId, String scenario, BigDecimal amount, String city, Instant now,
                        boolean accountFrozen, String bindingStatus, Instant activatedAt, BigDecimal availableCredit,
                        BigDecimal exposureHeadroom, History history) {

    /**
     * The customer's earlier attempts (this one not included), counted with the windows of {@link RiskProperties}.
     *
     * @param recentAttempts      attempts in the velocity window
     * @param approvedInLookback  approved payments in the unusual-city look-back
     * @param approvedFromCity    of those, the ones from this attempt's city
     * @param burstAttempts       attempts that qualify for the burst rule (scenario, amount, since the activation)
     * @param burstCities         distinct cities among those
     * @param burstSeenCity       whether this attempt's city is among those
     */
    public record History(long recentAttempts, long approvedInLookback, long approvedFromCity, long burstAttempts,
                          long burstCities, boolean burstSeenCity) {

        public static final History NONE = new History(0, 0, 0, 0, 0, false);
    }
}
