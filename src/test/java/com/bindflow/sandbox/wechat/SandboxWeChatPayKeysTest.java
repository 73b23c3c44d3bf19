package com.bindflow.sandbox.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/** The sandbox's keys are made when first needed, once per node, not while the application starts. */
class SandboxWeChatPayKeysTest {

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);

    @Test
    void aNodeStartsWithoutTouchingTheKeys() {
        new SandboxWeChatPayKeys(jdbc, Clock.systemUTC(), transactions);

        verifyNoInteractions(jdbc, transactions);
    }

    @Test
    void theFirstNodeToNeedThemGeneratesAndStoresThemOnceForAllItsThreads() throws Exception {
        when(jdbc.query(anyString(), any(RowMapper.class))).thenReturn(List.of());
        SandboxWeChatPayKeys keys = new SandboxWeChatPayKeys(jdbc, Clock.systemUTC(), transactions);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PublicKey>> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(threads.submit(() -> {
                go.await();
                return keys.platformPublicKey();
            }));
        }
        go.countDown();
        PublicKey first = seen.get(0).get();
        for (Future<PublicKey> other : seen) {
            assertThat(other.get()).isSameAs(first);
        }
        threads.shutdown();

        verify(jdbc, times(1)).update(anyString(), any(Object[].class));
        // outside any transaction of the caller's: suspended, not joined
        verify(transactions).getTransaction(org.mockito.ArgumentMatchers.argThat(definition ->
                definition.getPropagationBehavior() == TransactionDefinition.PROPAGATION_NOT_SUPPORTED));
        assertThat(keys.publicKeyId()).startsWith("PUB_KEY_ID_SANDBOX_");
        assertThat(keys.apiV3Key()).hasSize(32);
        assertThat(keys.platformPrivateKey().getAlgorithm()).isEqualTo("RSA");
    }
}
