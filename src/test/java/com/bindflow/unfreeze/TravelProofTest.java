package com.bindflow.unfreeze;

import com.bindflow.credit.CreditExposure;
import com.bindflow.shared.ApiProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The rules a travel proof must meet before it is stored (the REST layer answers 400 naming the field). */
class TravelProofTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 11);

    private static UnfreezeRequest.Trip trip(String city, String start, String end) {
        return new UnfreezeRequest.Trip(city, start == null ? null : LocalDate.parse(start), end == null ? null : LocalDate.parse(end));
    }

    private static String faultyField(TravelProof proof) {
        ApiProblem problem = Assertions.catchThrowableOfType(ApiProblem.class, () -> proof.checked(TODAY));
        Assertions.assertThat(problem).as("refused").isNotNull();
        Assertions.assertThat(problem.status().value()).isEqualTo(400);
        return problem.field();
    }

    @Test
    void aGoodProofIsKeptWithItsCitiesTrimmed() {
        TravelProof checked = new TravelProof(List.of(trip(" Shanghai ", "2026-03-09", "2026-03-09"),
                trip("Beijing", "2026-03-11", "2026-03-20")), "12306-E123:4/5_6.pdf").checked(TODAY);
        Assertions.assertThat(checked.trips()).extracting(UnfreezeRequest.Trip::city).containsExactly("Shanghai", "Beijing");
        Assertions.assertThat(checked.documentRef()).isEqualTo("12306-E123:4/5_6.pdf");
    }

    @Test
    void eachFaultNamesItsField() {
        Assertions.assertThat(faultyField(new TravelProof(null, "doc"))).isEqualTo("trips");
        Assertions.assertThat(faultyField(new TravelProof(Collections.nCopies(11, trip("Shanghai", "2026-03-09", "2026-03-10")),
                "doc"))).isEqualTo("trips");
        Assertions.assertThat(faultyField(new TravelProof(Arrays.asList(trip("Shanghai", "2026-03-09", "2026-03-10"),
                null), "doc"))).isEqualTo("trips[1]");
        Assertions.assertThat(faultyField(new TravelProof(List.of(trip("x".repeat(65), "2026-03-09", "2026-03-10")), "doc")))
                .isEqualTo("trips[0].city");
        Assertions.assertThat(faultyField(new TravelProof(List.of(trip("Shanghai", "2026-03-09", null)), "doc")))
                .isEqualTo("trips[0].endDate");
        Assertions.assertThat(faultyField(new TravelProof(List.of(trip("Shanghai", "2026-03-10", "2026-03-09")), "doc")))
                .isEqualTo("trips[0].endDate");
        Assertions.assertThat(faultyField(new TravelProof(List.of(trip("Shanghai", "2026-03-12", "2026-03-12")), "doc")))
                .isEqualTo("trips[0].startDate");
        Assertions.assertThat(faultyField(new TravelProof(List.of(trip("Shanghai", "2026-03-09", "2026-03-10")), " ")))
                .isEqualTo("documentRef");
        Assertions.assertThat(faultyField(new TravelProof(List.of(trip("Shanghai", "2026-03-09", "2026-03-10")),
                "d".repeat(101)))).isEqualTo("documentRef");
        Assertions.assertThat(faultyField(new TravelProof(List.of(trip("Shanghai", "2026-03-09", "2026-03-10")), "-doc")))
                .isEqualTo("documentRef");
    }

    @Test
    void theWeChatExposureLeftIsNeverNegative() {
        Assertions.assertThat(new CreditExposure.WeChatExposure(new BigDecimal("1200.00"),
                new BigDecimal("5000.00")).available()).isEqualByComparingTo("3800.00");
        Assertions.assertThat(new CreditExposure.WeChatExposure(new BigDecimal("5100.00"),
                new BigDecimal("5000.00")).available()).isEqualByComparingTo("0.00");
    }
}
