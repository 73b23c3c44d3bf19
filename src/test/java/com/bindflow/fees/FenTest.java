package com.bindflow.fees;

import java.math.BigDecimal;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class FenTest {

    private static java.util.List<String> split(String total, int parts) {
        return Fen.split(new BigDecimal(total), parts).stream().map(BigDecimal::toPlainString).toList();
    }

    @Test
    void splitRoundsEachPartHalfUpAndTheLastAbsorbsTheRemainder() {
        Assertions.assertThat(split("1000", 3)).containsExactly("333.33", "333.33", "333.34"); // SPEC §6
        Assertions.assertThat(split("2000", 3)).containsExactly("666.67", "666.67", "666.66");
        Assertions.assertThat(split("100.05", 2)).containsExactly("50.03", "50.02"); // 50.025 → HALF_UP 50.03
        Assertions.assertThat(split("24.00", 24)).containsOnly("1.00");
        Assertions.assertThat(split("7", 1)).containsExactly("7.00");
    }

    @Test
    void percentsShowAtLeastTwoDecimals() {
        Assertions.assertThat(Fen.percent(new BigDecimal("0.0087")).toPlainString()).isEqualTo("0.87");
        Assertions.assertThat(Fen.percent(new BigDecimal("0.800")).toPlainString()).isEqualTo("80.00");
        Assertions.assertThat(Fen.percent(new BigDecimal("0.0005")).toPlainString()).isEqualTo("0.05");
        Assertions.assertThat(Fen.percent(new BigDecimal("0.00025")).toPlainString()).isEqualTo("0.025");
        Assertions.assertThat(Fen.percent(BigDecimal.ZERO).toPlainString()).isEqualTo("0.00");
    }

    @Test
    void amountsArePositiveAtMostTwoDecimalsAndBounded() {
        Assertions.assertThat(Fen.requireAmount("amount", new BigDecimal("1E+3")).toPlainString()).isEqualTo("1000.00");
        Assertions.assertThat(Fen.requireAmount("amount", new BigDecimal("12.300")).toPlainString()).isEqualTo("12.30");
        for (String bad : new String[] {"0", "0.00", "-0.01", "0.001", "1E+9", "1E+1000000"}) {
            Assertions.assertThatThrownBy(() -> Fen.requireAmount("amount", new BigDecimal(bad))).as(bad)
                    .isInstanceOfSatisfying(FeeInputException.class, e -> Assertions.assertThat(e.field()).isEqualTo("amount"));
        }
    }
}
