package com.bindflow.overdue;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An amount due on {@code dueDate} on a channel and not repaid, as JD Finance reported it: one row of
 * {@code overdue_case} and one Overdue process instance (business key = id).
 */
public record OverdueCase(String id, String userId, Channel channel, LocalDate dueDate, BigDecimal amountDue, State state,
                          Instant reportedAt, Instant settledAt) {

    public enum State {
        /** Principal or penalty outstanding; the penalty accrues every day. */
        OPEN,
        /** Principal and penalty repaid; nothing accrues any more. */
        SETTLED
    }

    /** The evidence of this case's credit-line freeze (WeChat channel): lifting it lifts only this case's freeze. */
    public String freezeEvidenceRef() {
        return "overdue-" + id;
    }

    public boolean open() {
        return state == State.OPEN;
    }
}
