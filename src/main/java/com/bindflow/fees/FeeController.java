package com.bindflow.fees;

import com.bindflow.channel.Channel;
import com.bindflow.shared.ApiProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fee quotes (SPEC.md §6): computed from the rate card, nothing stored. Bad input is a 400 naming the field;
 * counts (periods, days) must be whole numbers (3.5 is refused, not cut to 3).
 */
@RestController
@RequestMapping("/api/fees")
public class FeeController {

    private final InstallmentPlans plans;
    private final CashWithdrawals withdrawals;
    private final OverduePenalties penalties;

    public FeeController(InstallmentPlans plans, CashWithdrawals withdrawals, OverduePenalties penalties) {
        this.plans = plans;
        this.withdrawals = withdrawals;
        this.penalties = penalties;
    }

    /** {@code coupon} may be left out: NONE. */
    public record InstallmentQuoteRequest(BigDecimal amount, BigDecimal periods, InterestMethod method, Channel channel,
                                          Coupon coupon) {
    }

    @PostMapping("/installment-quotes")
    public InstallmentQuote installment(@RequestBody InstallmentQuoteRequest request) {
        Long periods = wholeNumber("periods", request.periods());
        return FeeInputProblems.asBadRequest(() -> plans.quote(new InstallmentRequest(request.amount(),
                periods == null ? null : Math.toIntExact(periods), request.method(), request.channel(), request.coupon())));
    }

    public record WithdrawalQuoteRequest(BigDecimal amount, BigDecimal days, Channel channel) {
    }

    @PostMapping("/withdrawal-quotes")
    public WithdrawalQuote withdrawal(@RequestBody WithdrawalQuoteRequest request) {
        Long days = wholeNumber("days", request.days());
        return FeeInputProblems.asBadRequest(() -> withdrawals.quote(request.amount(), days, request.channel()));
    }

    /** Either {@code days} overdue, or the {@code dueDate} and the day to count up to, {@code asOf} (inclusive). */
    public record PenaltyRequest(BigDecimal amount, BigDecimal days, LocalDate dueDate, LocalDate asOf) {
    }

    @PostMapping("/overdue-penalties")
    public OverduePenalty penalty(@RequestBody PenaltyRequest request) {
        Long days = wholeNumber("days", request.days());
        boolean byDates = request.dueDate() != null || request.asOf() != null;
        if (days != null && byDates) {
            throw ApiProblem.badRequest("days", "Give either days, or dueDate and asOf; not both.");
        }
        if (days == null && !byDates) {
            throw ApiProblem.badRequest("days", "days (or dueDate and asOf) is required.");
        }
        return FeeInputProblems.asBadRequest(() -> byDates
                ? penalties.penaltyFor(request.amount(), request.dueDate(), request.asOf())
                : penalties.penaltyForDays(request.amount(), days));
    }

    private static Long wholeNumber(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        try {
            return (long) value.intValueExact();
        } catch (ArithmeticException e) {
            throw ApiProblem.badRequest(field, field + " must be a whole number.");
        }
    }
}
