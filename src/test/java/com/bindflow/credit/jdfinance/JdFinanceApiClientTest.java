package com.bindflow.credit.jdfinance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.support.OutsideCallsForTests;
import com.bindflow.support.standins.JdFinanceStandIn;
import com.bindflow.support.standins.StandInFault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The production JD Finance adapter against the stand-in of docs/jd-finance-api.yaml: the account facts and credit
 * figures (fen to yuan), an unknown user, our bearer token, and every fault (and an answer that breaks the contract) a
 * technical failure — sent again once after an error, never after a timeout.
 */
class JdFinanceApiClientTest {

    private static final JdFinanceStandIn jd = new JdFinanceStandIn();

    private SimpleMeterRegistry meters;
    private JdFinanceApiClient accounts;

    private static JdFinanceProperties properties(String token, Duration readTimeout) {
        return new JdFinanceProperties(jd.baseUrl(), token, StandInFault.CONNECT_TIMEOUT, readTimeout);
    }

    @BeforeAll
    static void warmUp() {
        new JdFinanceApiClient(properties(JdFinanceStandIn.TOKEN, Duration.ofSeconds(30)),
                OutsideCallsForTests.create(new SimpleMeterRegistry())).exists("warm-up");
    }

    @AfterAll
    static void stop() {
        jd.close();
    }

    @BeforeEach
    void adapter() {
        jd.heal();
        jd.resetRequests();
        meters = new SimpleMeterRegistry();
        accounts = new JdFinanceApiClient(properties(JdFinanceStandIn.TOKEN, StandInFault.READ_TIMEOUT),
                OutsideCallsForTests.create(meters));
        jd.customer("jd-ok", "王杰", "350102199003076617", "13800138008", 2_000_000, 1_500_000);
    }

    @Test
    void theAccountFactsAndCreditFigures() {
        assertThat(accounts.exists("jd-ok")).isTrue();
        BaitiaoAccount account = accounts.find("jd-ok").orElseThrow();
        assertThat(account).isEqualTo(new BaitiaoAccount("jd-ok", "王杰", "350102199003076617", "13800138008",
                BaitiaoAccount.AccountStatus.NORMAL, false, 3, false, false, new BigDecimal("20000.00"),
                new BigDecimal("15000.00"), false));
        assertThat(accounts.exists("jd-nobody")).isFalse();
        assertThat(accounts.find("jd-nobody")).isEmpty();
        assertThat(OutsideCallsForTests.count(meters, "jd-finance", "account-facts", "success")).isEqualTo(1);
        assertThat(OutsideCallsForTests.count(meters, "jd-finance", "account-facts", "rejected")).isEqualTo(1);
    }

    @Test
    void withoutOurTokenJdFinanceRefusesAndThatIsATechnicalFailure() {
        JdFinanceApiClient stranger = new JdFinanceApiClient(properties("not-the-token", StandInFault.READ_TIMEOUT),
                OutsideCallsForTests.create(meters));
        assertThatThrownBy(() -> stranger.find("jd-ok")).isInstanceOf(OutsideCallFailure.class).hasMessageContaining("401");
    }

    @Test
    void anAnswerThatBreaksTheContractIsATechnicalFailure() {
        jd.account("jd-odd", "{\"userId\":\"jd-odd\",\"realName\":\"王杰\",\"status\":\"FROZEN_SOLID\"}");
        assertThatThrownBy(() -> accounts.find("jd-odd")).isInstanceOf(OutsideCallFailure.class)
                .hasMessageContaining("account-facts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/problem+json | {\"status\":404,\"title\":\"Not Found\"}",
            "application/problem+json | {\"status\":404,\"code\":\"NO_SUCH_PATH\"}",
            "application/json         | {\"status\":404,\"code\":\"UNKNOWN_USER\"}",
            "text/html                | <html>404 Not Found</html>"})
    void onlyTheDocumentedUnknownUserMakesA404AVerdict(String contentType, String body) {
        jd.answer("/v1/customers/.*", 404, contentType, body);
        assertThatThrownBy(() -> accounts.find("jd-ok")).isInstanceOf(OutsideCallFailure.class)
                .hasMessageContaining("404");
        assertThatThrownBy(() -> accounts.exists("jd-ok")).isInstanceOf(OutsideCallFailure.class);
        assertThat(OutsideCallsForTests.count(meters, "jd-finance", "account-facts", "rejected")).isZero();
        jd.heal();
        assertThat(accounts.find("jd-nobody")).as("the documented one is").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = StandInFault.class, names = {"TIMEOUT", "SERVER_ERROR", "MALFORMED", "RESET"})
    void everyFaultIsATechnicalFailure(StandInFault fault) {
        jd.fail("/v1/customers/.*", fault);
        assertThatThrownBy(() -> accounts.find("jd-ok"))
                .isInstanceOf(OutsideCallFailure.class)
                .satisfies(e -> assertThat(((OutsideCallFailure) e).reasonCode()).isEqualTo("JD_FINANCE_UNAVAILABLE"))
                .satisfies(e -> assertThat(((OutsideCallFailure) e).kind()).isEqualTo(
                        fault == StandInFault.TIMEOUT ? OutsideCallFailure.Kind.TIMEOUT : OutsideCallFailure.Kind.ERROR));
        // sent again once after an error, never after a timeout; the JDK's client itself sends a GET again once when
        // the connection closes before any answer (a reset): harmless for a read
        assertThat(jd.requests("/v1/customers/.*")).isEqualTo(switch (fault) {
            case TIMEOUT -> 1;
            case RESET -> 4;
            default -> 2;
        });
        jd.heal();
        assertThat(accounts.find("jd-ok")).isPresent();
    }
}
