package com.bindflow.overdue;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One calendar day's penalty of an overdue case: {@code penalty} on {@code base}, the principal owed at the day's start. */
public record Accrual(LocalDate date, BigDecimal base, BigDecimal penalty) {
}
