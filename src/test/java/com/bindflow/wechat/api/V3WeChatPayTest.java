package com.bindflow.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.OutsideSystemUnavailableException;
import com.bindflow.support.OutsideCallsForTests;
import com.bindflow.support.standins.StandInFault;
import com.bindflow.support.standins.WeChatPayStandIn;
import com.bindflow.wechat.ConfiguredWeChatPayKeys;
import com.bindflow.wechat.WalletFacts;
import com.bindflow.wechat.WeChatPay;
import com.bindflow.wechat.WeChatPay.AuthorizationStatus;
import com.bindflow.wechat.WeChatPay.BindRequestStatus;
import com.bindflow.wechat.WeChatPay.PaymentStatus;
import com.bindflow.wechat.WeChatPay.RefundStatus;
import com.bindflow.wechat.WeChatPayKeys;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production WeChat Pay adapter against the WeChat Pay stand-in on the wire: the SDK signs every request (the
 * stand-in checks it with the merchant's public key) and verifies every answer (signed with the platform key); each
 * call's answers, its idempotency on our numbers, and each fault — timeout, 5xx, malformed body, bad signature, reset —
 * as a technical failure ({@link OutsideCallFailure}), retried only where safe, counted in the metric.
 */
class V3WeChatPayTest {

    private static final WeChatPayStandIn wechat = new WeChatPayStandIn();
    private static final String CONTRACT = "/v3/papay/sign/contracts/.*";

    private SimpleMeterRegistry meters;
    private V3WeChatPay pay;
    private V3WeChatWallets wallets;

    @AfterAll
    static void stop() {
        wechat.close();
    }

    @BeforeAll
    static void warmUp() {
        // the first signed call in a JVM loads the SDK: not part of any test's timeouts
        WeChatPayApiProperties properties = properties(wechat.merchantPrivateKeyPem(), Duration.ofSeconds(30));
        new V3WeChatPay(new WeChatPayV3Client(properties.checked(), keys()), properties,
                OutsideCallsForTests.create(new SimpleMeterRegistry())).queryAuthorization("warm-up");
    }

    @BeforeEach
    void adapter() {
        wechat.heal();
        wechat.resetRequests();
        meters = new SimpleMeterRegistry();
        OutsideCalls calls = OutsideCallsForTests.create(meters);
        WeChatPayApiProperties properties = properties(wechat.merchantPrivateKeyPem());
        WeChatPayV3Client client = new WeChatPayV3Client(properties.checked(), keys());
        pay = new V3WeChatPay(client, properties, calls);
        wallets = new V3WeChatWallets(client, properties, calls);
    }

    private static WeChatPayApiProperties properties(String merchantPrivateKey) {
        return properties(merchantPrivateKey, StandInFault.READ_TIMEOUT);
    }

    private static WeChatPayApiProperties properties(String merchantPrivateKey, Duration readTimeout) {
        return new WeChatPayApiProperties(wechat.baseUrl(), WeChatPayStandIn.MERCHANT_ID, WeChatPayStandIn.MERCHANT_SERIAL,
                merchantPrivateKey, WeChatPayStandIn.APP_ID, WeChatPayStandIn.PLAN_ID, "https://bindflow.test/api/wechat/notifications",
                "https://bindflow.test/api/wechat/notifications", null, StandInFault.CONNECT_TIMEOUT, readTimeout,
                Duration.ofMillis(50));
    }

    private static WeChatPayKeys keys() {
        return ConfiguredWeChatPayKeys.of(wechat.platformPublicKeyPem(), WeChatPayStandIn.PUBLIC_KEY_ID, wechat.apiV3Key());
    }

    private static String code() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private String signedContract(String user) {
        String code = code();
        pay.requestAuthorization(code, "binding", user);
        wechat.customerSigns(code, Instant.now());
        return code;
    }

    private long count(String operation, String outcome) {
        return OutsideCallsForTests.count(meters, "wechat-pay", operation, outcome);
    }

    @Test
    void anAuthorizationIsRequestedSignedQueriedAndTerminatedAgainAndAgain() {
        String code = code();
        WeChatPay.AuthorizationRequest request = pay.requestAuthorization(code, "b-1", "user-1");
        assertThat(request.authorizationUrl()).contains(code);
        assertThat(pay.requestAuthorization(code, "b-1", "user-1").contractCode()).isEqualTo(code);
        assertThat(pay.queryAuthorization(code).status()).isEqualTo(AuthorizationStatus.NOT_FOUND);

        wechat.customerSigns(code, Instant.now());
        WeChatPay.AuthorizationState authorized = pay.queryAuthorization(code);
        assertThat(authorized.status()).isEqualTo(AuthorizationStatus.AUTHORIZED);
        assertThat(authorized.contractId()).startsWith("Wx");
        assertThat(authorized.priority()).as("no public field carries it").isNull();

        pay.terminateAuthorization(code, "customer unbound");
        assertThat(wechat.contractState(code)).isEqualTo("TERMINATED");
        pay.terminateAuthorization(code, "again: a retried job");
        pay.terminateAuthorization(code(), "never signed: nothing to do");
        assertThat(pay.queryAuthorization(code).status()).isEqualTo(AuthorizationStatus.TERMINATED);
        assertThat(count("request-authorization", "success")).isEqualTo(2);
        assertThat(count("terminate", "rejected")).as("the 4xx of a terminated and of an unknown contract").isEqualTo(2);
    }

    @Test
    void theTestPaymentIsChargedOnceAndRefundedOnceWhateverTheRetries() {
        String code = signedContract("user-2");
        String trade = "T" + code.substring(0, 31);
        WeChatPay.PaymentResult paid = pay.pay(trade, code, 1, "bindflow binding test payment");
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(paid.transactionId()).startsWith("4200");
        assertThat(pay.pay(trade, code, 1, "a retried job").transactionId()).isEqualTo(paid.transactionId());
        assertThat(wechat.requests(RequestMethod.POST, "/v3/papay/pay/transactions/apply")).as("applied once").isEqualTo(1);
        assertThat(wechat.requests(RequestMethod.POST, "/v3/papay/pay/schedules/.*")).isEqualTo(1);

        String refundNo = "R" + code.substring(0, 31);
        assertThat(pay.refundIfPaid(refundNo, trade)).isEqualTo(new WeChatPay.RefundResult(RefundStatus.REFUNDED, 1));
        assertThat(pay.refundIfPaid(refundNo, trade)).isEqualTo(new WeChatPay.RefundResult(RefundStatus.REFUNDED, 1));
        assertThat(wechat.refunded(refundNo)).isTrue();
        assertThat(wechat.orderState(trade)).isEqualTo("REFUND");

        assertThat(pay.refundIfPaid("R-none", "T-never-paid").status()).isEqualTo(RefundStatus.NOT_PAID);
    }

    @Test
    void weChatsDeclineIsABusinessAnswer() {
        String unsigned = code();
        assertThat(pay.pay("T" + unsigned.substring(0, 31), unsigned, 1, "test").failureReason())
                .isEqualTo("CONTRACT_NOT_AUTHORIZED");
        wechat.declinePaymentsOf("user-declined");
        String code = signedContract("user-declined");
        String trade = "T" + code.substring(0, 31);
        WeChatPay.PaymentResult declined = pay.pay(trade, code, 1, "test");
        assertThat(declined.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(declined.failureReason()).isEqualTo("PAYERROR");
        assertThat(pay.refundIfPaid("R" + code.substring(0, 31), trade).status()).isEqualTo(RefundStatus.NOT_PAID);
        assertThat(count("query-payment", "rejected")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theStandInRefusesARequestNotSignedWithOurMerchantKey() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String otherKey = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        WeChatPayApiProperties forged = properties(otherKey);
        V3WeChatPay impostor = new V3WeChatPay(new WeChatPayV3Client(forged.checked(), keys()), forged,
                OutsideCallsForTests.create(meters));
        assertThatThrownBy(() -> impostor.queryAuthorization(code()))
                .isInstanceOf(OutsideCallFailure.class).hasMessageContaining("401 SIGN_ERROR");
    }

    @ParameterizedTest
    @EnumSource(StandInFault.class)
    void everyFaultIsATechnicalFailureRetriedOnlyWhenItCanHelp(StandInFault fault) {
        String code = signedContract("user-f");
        wechat.resetRequests();
        wechat.fail(RequestMethod.GET, CONTRACT, fault);
        assertThatThrownBy(() -> pay.queryAuthorization(code))
                .isInstanceOf(OutsideCallFailure.class)
                .satisfies(e -> assertThat(((OutsideCallFailure) e).kind()).isEqualTo(
                        fault == StandInFault.TIMEOUT ? OutsideCallFailure.Kind.TIMEOUT : OutsideCallFailure.Kind.ERROR))
                .satisfies(e -> assertThat(((OutsideSystemUnavailableException) e).reasonCode())
                        .isEqualTo("WECHAT_PAY_UNAVAILABLE"));
        int attempts = wechat.requests(RequestMethod.GET, CONTRACT);
        if (fault == StandInFault.TIMEOUT) {
            assertThat(attempts).as("never sent again after a timeout").isEqualTo(1);
            assertThat(count("query-authorization", "timeout")).isEqualTo(1);
        } else {
            assertThat(attempts).as("a read is sent again once").isEqualTo(2);
            assertThat(count("query-authorization", "error")).isEqualTo(2);
        }
        wechat.heal();
        assertThat(pay.queryAuthorization(code).status()).isEqualTo(AuthorizationStatus.AUTHORIZED);
    }

    @Test
    void anErrorOnceIsOvercomeByTheRetry() {
        String code = signedContract("user-3");
        wechat.failOnce(RequestMethod.POST, "/v3/papay/pay/transactions/apply", StandInFault.SERVER_ERROR);
        assertThat(pay.pay("T" + code.substring(0, 31), code, 1, "test").status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(wechat.requests(RequestMethod.POST, "/v3/papay/pay/transactions/apply")).isEqualTo(2);
        assertThat(count("pay", "error")).isEqualTo(1);
        assertThat(count("pay", "success")).isEqualTo(1);
    }

    @Test
    void aPaymentStillInProgressIsATechnicalFailureSoTheJobAsksAgain() {
        String code = signedContract("user-4");
        String trade = "T" + code.substring(0, 31);
        wechat.fail(RequestMethod.GET, "/v3/pay/transactions/out-trade-no/.*", StandInFault.TIMEOUT);
        assertThatThrownBy(() -> pay.pay(trade, code, 1, "test")).isInstanceOf(OutsideCallFailure.class);
        wechat.heal();
        assertThat(pay.pay(trade, code, 1, "the job's retry").status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(wechat.requests(RequestMethod.POST, "/v3/papay/pay/transactions/apply")).isEqualTo(1);
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndNothingIsSentWhileItIsOpen() {
        wechat.fail(RequestMethod.GET, CONTRACT, StandInFault.SERVER_ERROR);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> pay.queryAuthorization(code())).isInstanceOf(OutsideCallFailure.class);
        }
        int sent = wechat.requests(RequestMethod.GET, CONTRACT);
        assertThat(sent).isEqualTo(10);
        assertThatThrownBy(() -> pay.queryAuthorization(code()))
                .isInstanceOf(OutsideCallFailure.class)
                .satisfies(e -> assertThat(((OutsideCallFailure) e).kind()).isEqualTo(OutsideCallFailure.Kind.CIRCUIT_OPEN));
        assertThat(wechat.requests(RequestMethod.GET, CONTRACT)).isEqualTo(sent);
        assertThat(count("query-authorization", "circuit-open")).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"429, FREQUENCY_LIMITED", "403, NO_AUTH", "400, PARAM_ERROR"})
    void aRateLimitOrAPermissionOfTheMerchantIsATechnicalFailureNeverADecline(int status, String code) {
        String signed = signedContract("user-limited");
        String trade = "T" + signed.substring(0, 31);
        wechat.answer(RequestMethod.POST, "/v3/papay/pay/transactions/apply", status,
                "{\"code\":\"" + code + "\",\"message\":\"...\"}");
        assertThatThrownBy(() -> pay.pay(trade, signed, 1, "test"))
                .isInstanceOf(OutsideCallFailure.class).hasMessageContaining(status + " " + code);
        assertThat(count("pay", "rejected")).isZero();
        wechat.heal();
        assertThat(pay.pay(trade, signed, 1, "the job's retry").status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"message\":\"Not Found\"}", "", "{\"code\":\"NOT_FOUND\"}"})
    void a404WithoutItsDocumentedCodeIsATechnicalFailureNeverNotFound(String body) {
        String signed = signedContract("user-404");
        wechat.customerRequestsBinding("user-404", Instant.now());
        String request = wechat.lastBindRequestOf("user-404");
        wechat.answer(RequestMethod.GET, ".*", 404, body);
        wechat.answer(RequestMethod.POST, "/v3/papay/partner-wallet/.*", 404, body);
        assertThatThrownBy(() -> pay.queryAuthorization(signed)).isInstanceOf(OutsideCallFailure.class);
        assertThatThrownBy(() -> pay.refundIfPaid("R" + signed.substring(0, 31), "T" + signed.substring(0, 31)))
                .isInstanceOf(OutsideCallFailure.class);
        assertThatThrownBy(() -> wallets.walletOf("user-404")).isInstanceOf(OutsideCallFailure.class);
        assertThatThrownBy(() -> pay.bindRequestState(request)).isInstanceOf(OutsideCallFailure.class);
        assertThatThrownBy(() -> pay.grantBindRequest(request, code(), "b", "user-404")).isInstanceOf(OutsideCallFailure.class);
        assertThatThrownBy(() -> pay.refuseBindRequest(request, "no")).isInstanceOf(OutsideCallFailure.class);
        adapter();  // healed, and a breaker of its own: this one has opened after so many failures
        assertThat(pay.queryAuthorization(signed).status()).isEqualTo(AuthorizationStatus.AUTHORIZED);
        assertThat(pay.bindRequestState(request)).contains(new WeChatPay.BindRequestState("user-404", BindRequestStatus.PENDING));
    }

    @ParameterizedTest
    @CsvSource({"400, PARAM_ERROR", "429, FREQUENCY_LIMITED", "403, NO_AUTH"})
    void aGrantOrRefusalRefusedWithAnUndocumented4xxIsATechnicalFailureNotADecline(int status, String code) {
        String user = "user-7-" + status;
        wechat.customerRequestsBinding(user, Instant.now());
        String request = wechat.lastBindRequestOf(user);
        wechat.answer(RequestMethod.POST, "/v3/papay/partner-wallet/bind-requests/.*", status,
                "{\"code\":\"" + code + "\",\"message\":\"...\"}");
        String contract = code();
        assertThatThrownBy(() -> pay.grantBindRequest(request, contract, "b", user))
                .isInstanceOf(OutsideCallFailure.class).hasMessageContaining(status + " " + code);
        assertThatThrownBy(() -> pay.refuseBindRequest(request, "no")).isInstanceOf(OutsideCallFailure.class);
        wechat.heal();
        assertThat(pay.grantBindRequest(request, contract, "b", user).status()).isEqualTo(AuthorizationStatus.AUTHORIZED);
    }

    @Test
    void anAnswerWithAFieldOfTheWrongTypeIsATechnicalFailure() {
        String signed = signedContract("user-8");
        String trade = "T" + signed.substring(0, 31);
        wechat.answer(RequestMethod.GET, "/v3/pay/transactions/out-trade-no/.*", 200,
                "{\"trade_state\":\"SUCCESS\",\"transaction_id\":\"4200\",\"amount\":{\"total\":\"one fen\"}}");
        assertThatThrownBy(() -> pay.refundIfPaid("R" + signed.substring(0, 31), trade))
                .isInstanceOf(OutsideCallFailure.class).hasMessageContaining("NumberFormatException")
                .as("the class name only: no exception kept as a cause").hasNoCause();
        assertThat(count("query-payment", "error")).isEqualTo(2);
        assertThat(count("query-payment", "rejected")).isZero();
    }

    @Test
    void schedulingTheAmountIsNotSentAgainAfterAnErrorItCarriesNoNumberOfOurs() {
        String signed = signedContract("user-9");
        String trade = "T" + signed.substring(0, 31);
        wechat.fail(RequestMethod.POST, "/v3/papay/pay/schedules/.*", StandInFault.SERVER_ERROR);
        assertThatThrownBy(() -> pay.pay(trade, signed, 1, "test")).isInstanceOf(OutsideCallFailure.class);
        assertThat(wechat.requests(RequestMethod.POST, "/v3/papay/pay/schedules/.*")).isEqualTo(1);
        assertThat(wechat.requests(RequestMethod.POST, "/v3/papay/pay/transactions/apply")).isZero();
        wechat.heal();
        assertThat(pay.pay(trade, signed, 1, "the job's retry").status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    @ParameterizedTest
    @EnumSource(value = StandInFault.class, names = {"TIMEOUT", "SERVER_ERROR", "BAD_SIGNATURE", "MALFORMED_JSON", "RESET"})
    void aRefundsFaultIsATechnicalFailureAndTheRetryRefundsExactlyOnce(StandInFault fault) {
        String signed = signedContract("user-10");
        String trade = "T" + signed.substring(0, 31);
        String refundNo = "R" + signed.substring(0, 31);
        assertThat(pay.pay(trade, signed, 1, "test").status()).isEqualTo(PaymentStatus.SUCCESS);
        wechat.fail(RequestMethod.POST, "/v3/refund/domestic/refunds", fault);
        assertThatThrownBy(() -> pay.refundIfPaid(refundNo, trade))
                .isInstanceOf(OutsideCallFailure.class)
                .satisfies(e -> assertThat(((OutsideCallFailure) e).kind()).isEqualTo(
                        fault == StandInFault.TIMEOUT ? OutsideCallFailure.Kind.TIMEOUT : OutsideCallFailure.Kind.ERROR));
        assertThat(wechat.requests(RequestMethod.POST, "/v3/refund/domestic/refunds"))
                .as("sent again once after an error, never after a timeout").isEqualTo(fault == StandInFault.TIMEOUT ? 1 : 2);
        wechat.heal();
        assertThat(pay.refundIfPaid(refundNo, trade)).as("the job's retry")
                .isEqualTo(new WeChatPay.RefundResult(RefundStatus.REFUNDED, 1));
        assertThat(wechat.refundsOf(trade)).as("refunded exactly once").isEqualTo(1);
        assertThat(wechat.orderState(trade)).isEqualTo("REFUND");
    }

    @Test
    void aBrokenPartnerEndpointOpensItsOwnBreakerNotTheOneOfTerminatePayAndRefund() {
        String signed = signedContract("user-11");
        wechat.fail(RequestMethod.GET, "/v3/papay/partner-wallet/.*", StandInFault.SERVER_ERROR);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> wallets.walletOf("user-11")).isInstanceOf(OutsideCallFailure.class);
        }
        assertThatThrownBy(() -> wallets.walletOf("user-11"))
                .satisfies(e -> assertThat(((OutsideCallFailure) e).kind()).isEqualTo(OutsideCallFailure.Kind.CIRCUIT_OPEN));
        assertThatThrownBy(() -> pay.bindRequestState("WXBR-any"))
                .satisfies(e -> assertThat(((OutsideCallFailure) e).kind()).isEqualTo(OutsideCallFailure.Kind.CIRCUIT_OPEN));
        assertThat(pay.queryAuthorization(signed).status()).as("the contract calls go on").isEqualTo(AuthorizationStatus.AUTHORIZED);
        assertThat(pay.pay("T" + signed.substring(0, 31), signed, 1, "test").status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    @Test
    void theWalletsFactsAndBindingRequests() {
        assertThat(wallets.walletOf("user-5")).isEqualTo(new WalletFacts(true, 2, true));
        wechat.wallet("user-6", true, 1, false);
        assertThat(wallets.walletOf("user-6")).isEqualTo(new WalletFacts(true, 1, false));

        wechat.customerRequestsBinding("user-5", Instant.now());
        String request = wechat.lastBindRequestOf("user-5");
        assertThat(pay.bindRequestState(request)).contains(new WeChatPay.BindRequestState("user-5", BindRequestStatus.PENDING));
        String code = code();
        WeChatPay.AuthorizationState granted = pay.grantBindRequest(request, code, "b", "user-5");
        assertThat(granted.status()).isEqualTo(AuthorizationStatus.AUTHORIZED);
        assertThat(granted.priority()).isEqualTo(WeChatPay.PRIORITY_AFTER_BALANCE);
        assertThat(pay.grantBindRequest(request, code, "b", "user-5").contractId()).as("granted again: the same contract")
                .isEqualTo(granted.contractId());
        assertThat(pay.refuseBindRequest(request, "too late")).isFalse();

        wechat.customerRequestsBinding("user-6", Instant.now());
        String other = wechat.lastBindRequestOf("user-6");
        assertThat(pay.refuseBindRequest(other, "THIRD_PARTY_AUTH_OFF")).isTrue();
        assertThat(pay.refuseBindRequest(other, "again")).isTrue();
        assertThat(pay.grantBindRequest(other, code(), "b", "user-6").status()).isEqualTo(AuthorizationStatus.DECLINED);
        assertThat(pay.bindRequestState("WXBR-unknown")).isEmpty();
        assertThat(pay.grantBindRequest("WXBR-unknown", code(), "b", "user-6").status()).isEqualTo(AuthorizationStatus.NOT_FOUND);
    }
}
