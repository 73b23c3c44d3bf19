package com.bindflow.reports;

import com.bindflow.binding.BindingStatus;
import com.bindflow.channel.Channel;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The binding funnel of a period, per channel: the answer of {@code GET /api/reports/binding-funnel}.
 *
 * @param channels                    JD_APP and WECHAT, always both, in that order
 * @param wechatVsJdAppSuccessRateGap JD_APP's success rate minus WECHAT's, in percentage points (2 places, from
 *                                    the two shown rates); null when either channel started nothing
 */
public record BindingFunnel(Period period, Instant generatedAt, Map<Channel, ChannelFunnel> channels,
                            @JsonInclude(JsonInclude.Include.ALWAYS) String wechatVsJdAppSuccessRateGap) {

    /** The period as read: bindings created in [from, to); dates were read in {@code zone}. */
    public record Period(Instant from, Instant to, String zone) {
    }

    /**
     * One channel.
     *
     * @param started     bindings created in the period
     * @param reached     per step status, in funnel order, how many of them ever had it
     * @param stopped     those that ended without reaching ACTIVE, by final status, primary reason and last step
     * @param inProgress  neither ended nor ever ACTIVE (UNDOING included)
     * @param successRate reached ACTIVE / started, 4 places HALF_UP; null when started is 0
     */
    public record ChannelFunnel(long started, List<Step> reached, List<Stop> stopped, long inProgress,
                                @JsonInclude(JsonInclude.Include.ALWAYS) String successRate, TimeToActive timeToActive) {
    }

    /** A step status and how many bindings ever had it; {@code sideStep} (true) marks a step not on every path. */
    public record Step(BindingStatus status, long count, Boolean sideStep) {
    }

    /**
     * Where bindings stopped. {@code reason} is the first (primary) reason code of the final status; codes that
     * follow it (what the undo did, further eligibility reasons) are not split out. {@code lastStep} is the last
     * step status before the end (UNDOING is not a step).
     */
    public record Stop(BindingStatus status, String reason, BindingStatus lastStep, long count) {
    }

    /**
     * From creation to the first ACTIVE entry of the timeline, in seconds with 1 place (HALF_UP); nulls when count is 0.
     * {@code p90Seconds}: the 90th percentile by nearest rank (the smallest time that at least 90% of them took no
     * longer than).
     */
    public record TimeToActive(long count, @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal medianSeconds,
                               @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal meanSeconds,
                               @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal p90Seconds) {
    }
}
