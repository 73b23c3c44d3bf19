package com.bindflow.binding.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingProperties;
import com.bindflow.binding.BindingStatus;
import com.bindflow.binding.BindingSteps;
import com.bindflow.channel.Channel;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideSystem;
import com.bindflow.verification.FaceRecognition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Plain tests (no context): the face provider, whose call may take 17 s, is asked with no transaction open (no binding
 * row lock, no database connection held); the binding's status is checked again under the lock afterwards.
 */
class FaceVerificationServiceTest {

    /** A transaction manager that knows whether a transaction is open. */
    static final class Transactions extends AbstractPlatformTransactionManager {
        final List<String> events = new ArrayList<>();
        boolean open;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            open = true;
            events.add("begin");
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            open = false;
            events.add("commit");
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            open = false;
            events.add("rollback");
        }
    }

    private final Transactions transactions = new Transactions();
    private final BindingSteps bindings = mock(BindingSteps.class);
    private final List<Boolean> askedInTransaction = new ArrayList<>();
    private FaceRecognition.Result answer = FaceRecognition.Result.PASS;
    private RuntimeException failure;
    private FaceVerificationService service;

    private static Binding binding(BindingStatus status) {
        Binding requested = Binding.requested("b-1", "user-1", Channel.JD_APP, null, Instant.EPOCH);
        return new Binding(requested.id(), requested.userId(), requested.channel(), status, List.of(), null, null, null,
                null, Instant.EPOCH, Instant.EPOCH, null, requested.wechat());
    }

    @BeforeEach
    void service() {
        FaceRecognition provider = (userId, token) -> {
            askedInTransaction.add(transactions.open);
            if (failure != null) {
                throw failure;
            }
            return answer;
        };
        BindingProperties properties = new BindingProperties("2026.1", null, 3);
        service = new FaceVerificationService(provider, bindings, properties, transactions);
        when(bindings.findInStatus("b-1", BindingStatus.AWAITING_FACE_VERIFICATION))
                .thenReturn(binding(BindingStatus.AWAITING_FACE_VERIFICATION));
        when(bindings.lockInStatus("b-1", BindingStatus.AWAITING_FACE_VERIFICATION))
                .thenReturn(binding(BindingStatus.AWAITING_FACE_VERIFICATION));
    }

    @Test
    void theProviderIsAskedWithNoTransactionOpenThenTheAttemptIsCountedUnderTheLock() {
        assertThat(service.verify("b-1", "cid").passed()).isTrue();
        assertThat(askedInTransaction).containsExactly(false);
        assertThat(transactions.events).containsExactly("begin", "commit");
        verify(bindings).recordFaceAttempts("b-1", 1);
    }

    @Test
    void aBindingThatMovedOnWhileTheProviderWasAskedIsA409AndNothingIsCounted() {
        when(bindings.lockInStatus("b-1", BindingStatus.AWAITING_FACE_VERIFICATION)).thenThrow(
                ApiProblem.conflict("WRONG_STATUS", "Binding b-1 is VERIFYING_PAYMENT; this step needs AWAITING_FACE_VERIFICATION."));
        assertThatThrownBy(() -> service.verify("b-1", "cid")).isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).code()).isEqualTo("WRONG_STATUS"));
        verify(bindings, never()).recordFaceAttempts(anyString(), anyInt());
        verify(bindings, never()).correlate(any(), anyString(), anyMap());
    }

    @Test
    void aTechnicalFailureOfTheProviderOpensNoTransactionAndCountsNoAttempt() {
        failure = new OutsideCallFailure(OutsideSystem.FACE, OutsideCallFailure.Kind.TIMEOUT, "face-result: no answer in time");
        assertThatThrownBy(() -> service.verify("b-1", "cid")).isInstanceOf(OutsideCallFailure.class);
        assertThat(transactions.events).isEmpty();
        verify(bindings, never()).recordFaceAttempts(anyString(), anyInt());
    }

    @Test
    void aBindingNotWaitingForItsFaceIsRefusedBeforeTheProviderIsAsked() {
        when(bindings.findInStatus("b-1", BindingStatus.AWAITING_FACE_VERIFICATION)).thenThrow(
                ApiProblem.conflict("WRONG_STATUS", "Binding b-1 is ACTIVE; this step needs AWAITING_FACE_VERIFICATION."));
        assertThatThrownBy(() -> service.verify("b-1", "cid")).isInstanceOf(ApiProblem.class);
        assertThat(askedInTransaction).isEmpty();
    }
}
