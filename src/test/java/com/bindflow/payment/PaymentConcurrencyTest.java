package com.bindflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many payments of one customer at the same moment: the ledger row lock makes them one at a time, so the daily
 * offline total, the available credit and the WeChat exposure never go past a limit. Exact counts, on H2 and PostgreSQL.
 */
class PaymentConcurrencyTest extends PaymentTestSupport {

    private static final int THREADS = 16;

    /** THREADS threads, each authorizing {@code perThread} payments as fast as it can, all starting together. */
    private List<Authorization> concurrently(String userId, Scenario scenario, String amount, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Authorization>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    List<Authorization> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(payments.authorize("test-client", UUID.randomUUID().toString(), new PaymentRequest(userId,
                                scenario, new BigDecimal(amount), PayeeType.MERCHANT, "m-1", null, "Shanghai", now()))
                                .authorization());
                    }
                    return mine;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Authorization> all = new ArrayList<>();
            for (Future<List<Authorization>> f : futures) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Authorization> approved(List<Authorization> all) {
        return all.stream().filter(a -> a.decision() == Decision.APPROVED).toList();
    }

    private BigDecimal approvedInDatabase(String userId, Scenario scenario) {
        return jdbc.queryForObject("select coalesce(sum(amount), 0) from payment_authorization where user_id = ? "
                + "and scenario = ? and decision = 'APPROVED'", BigDecimal.class, userId, scenario.name());
    }

    @Test
    void concurrentOfflineScansStopAtExactlyTheDailyTwoThousand() throws Exception {
        activeBinding("demo-ok");
        advance(Duration.ofHours(3));
        List<Authorization> all = concurrently("demo-ok", Scenario.OFFLINE_SCAN, "300.00", 2);

        assertThat(all).hasSize(2 * THREADS);
        assertThat(approved(all)).hasSize(6);                                  // 6 × 300 = 1800; a 7th would be 2100
        assertThat(all).filteredOn(a -> a.decision() == Decision.DECLINED)
                .allSatisfy(a -> assertThat(a.reasonCodes()).containsExactly("OFFLINE_DAILY_LIMIT")).hasSize(2 * THREADS - 6);
        assertThat(approvedInDatabase("demo-ok", Scenario.OFFLINE_SCAN)).isEqualByComparingTo("1800.00");
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("1800.00");
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("13200.00");
        assertThat(rows("payment_authorization")).isEqualTo(2 * THREADS);
    }

    @Test
    void concurrentOnlinePaymentsStopAtExactlyTheAvailableCredit() throws Exception {
        activeBinding("demo-crossborder");                                      // available 6000
        advance(Duration.ofHours(3));
        List<Authorization> all = concurrently("demo-crossborder", Scenario.ONLINE, "700.00", 1);

        assertThat(approved(all)).hasSize(8);                                  // 8 × 700 = 5600; a 9th would be 6300
        assertThat(all).filteredOn(a -> a.decision() == Decision.DECLINED)
                .allSatisfy(a -> assertThat(a.reasonCodes()).containsExactly("INSUFFICIENT_AVAILABLE_CREDIT")).hasSize(THREADS - 8);
        assertThat(approvedInDatabase("demo-crossborder", Scenario.ONLINE)).isEqualByComparingTo("5600.00");
        assertThat(figures("demo-crossborder").availableCredit()).isEqualByComparingTo("400.00");
        assertThat(figures("demo-crossborder").wechatExposure()).isEqualByComparingTo("5600.00");
    }

    @Test
    void concurrentOnlinePaymentsStopAtExactlyTheWeChatExposureLimit() throws Exception {
        activeBinding("demo-ok");                                               // available 15000, exposure limit 10000
        advance(Duration.ofDays(2));
        List<Authorization> all = concurrently("demo-ok", Scenario.ONLINE, "2400.00", 1);

        assertThat(approved(all)).hasSize(4);                                  // 4 × 2400 = 9600; a 5th would be 12000
        assertThat(all).filteredOn(a -> a.decision() == Decision.DECLINED)
                .allSatisfy(a -> assertThat(a.reasonCodes()).containsExactly("WECHAT_EXPOSURE_LIMIT")).hasSize(THREADS - 4);
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("9600.00");
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("5400.00");
    }

    @Test
    void theFirstPaymentsOfANewCustomerAtOnceOpenOneLedgerAndCountTowardsVelocityOneAtATime() throws Exception {
        activeBinding("demo-ok");
        advance(Duration.ofHours(3));
        List<Authorization> all = concurrently("demo-ok", Scenario.VIRTUAL_TOPUP, "10.00", 1);
        assertThat(rows("payment_ledger")).isOne();
        assertThat(figures("demo-ok").initialAvailableCredit()).isEqualByComparingTo("15000.00");
        // the velocity layer counts attempts one at a time too: the 11th to 16th in 10 minutes need a step-up
        assertThat(approved(all)).hasSize(10);
        assertThat(all).filteredOn(a -> a.decision() == Decision.STEP_UP_REQUIRED)
                .allSatisfy(a -> assertThat(a.reasonCodes()).containsExactly("HIGH_FREQUENCY")).hasSize(THREADS - 10);
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("14900.00");
    }

    @Test
    void theSameKeySentManyTimesAtOnceIsOneAuthorization() throws Exception {
        activeBinding("demo-ok");
        PaymentRequest request = new PaymentRequest("demo-ok", Scenario.ONLINE, new BigDecimal("99.00"), PayeeType.MERCHANT,
                "m-1", null, "Shanghai", now());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<PaymentAuthorizationService.Result>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> payments.authorize("test-client", "same-key", request)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<PaymentAuthorizationService.Result> f : futures) {
                ids.add(f.get(60, TimeUnit.SECONDS).authorization().id());
            }
            assertThat(ids).hasSize(THREADS).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows("payment_authorization")).isOne();
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("99.00");
    }
}
