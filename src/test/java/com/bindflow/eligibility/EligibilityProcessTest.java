package com.bindflow.eligibility;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingStatus;
import com.bindflow.support.ProcessTestSupport;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EligibilityProcessTest extends ProcessTestSupport {

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "demo-ok,            AWAITING_AGREEMENT, ''",
            "demo-overdue,       REJECTED,           ACCOUNT_OVERDUE",
            "demo-abnormal,      REJECTED,           ACCOUNT_ABNORMAL",
            "demo-class2,        REJECTED,           REAL_NAME_CLASS_INSUFFICIENT",
            "demo-id-mismatch,   REJECTED,           IDENTITY_MISMATCH",
            "demo-wechat-off,    REJECTED,           WECHAT_PAY_NOT_ENABLED",
            "demo-no-card,       REJECTED,           NO_BANK_CARD",
            "demo-enterprise,    REJECTED,           ENTERPRISE_ACCOUNT",
            "demo-cashout,       UNDER_REVIEW,       CASH_OUT_HISTORY",
            "demo-3rdparty-off,  AWAITING_AGREEMENT, ''",
    })
    void everyPersonaReachesItsStatus(String userId, BindingStatus expected, String reason) {
        Binding started = startBinding(userId);
        Assertions.assertThat(started.status()).isEqualTo(BindingStatus.CHECKING_ELIGIBILITY);

        runJobs();

        Binding binding = binding(started.id());
        Assertions.assertThat(binding.status()).isEqualTo(expected);
        if (reason.isEmpty()) {
            Assertions.assertThat(binding.reasonCodes()).isEmpty();
        } else {
            Assertions.assertThat(binding.reasonCodes()).containsExactly(reason);
        }
    }
}
