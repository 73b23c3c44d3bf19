package com.bindflow.binding;

import java.time.Instant;
import java.util.List;

/** The binding record: one attempt of one customer to bind Baitiao in WeChat Pay. */
public record Binding(String id, String userId, Channel channel, BindingStatus status, List<String> reasonCodes,
                      String statusMessage, String agreementVersion, Instant agreementAcceptedAt, Instant reviewDueAt,
                      Instant createdAt, Instant updatedAt, Instant endedAt) {

    public Binding {
        reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
    }

    public static Binding requested(String id, String userId, Channel channel, Instant now) {
        return new Binding(id, userId, channel, BindingStatus.CHECKING_ELIGIBILITY, List.of(), null, null, null, null,
                now, now, null);
    }

    /** One status of the timeline, with when it began. */
    public record StatusChange(BindingStatus status, List<String> reasonCodes, Instant at) {
    }
}
