package com.bindflow.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** A change is heard after its commit, once per transaction, never after a rollback; at once without a transaction. */
class ChangeSignalsTest {

    private final ChangeSignals signals = new ChangeSignals();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(
            new DriverManagerDataSource("jdbc:h2:mem:change-signals;DB_CLOSE_DELAY=-1", "sa", "")));

    @Test
    void aChangeIsHeardOnceAfterTheCommitAndNotAfterARollback() {
        signals.listen("a", () -> heard.add("a"));
        signals.listen("b", () -> heard.add("b"));
        tx.executeWithoutResult(s -> {
            signals.changed("a");
            signals.changed("a");
            signals.changed("b");
            assertThat(heard).isEmpty();
        });
        assertThat(heard).containsExactly("a", "b");
        heard.clear();
        tx.executeWithoutResult(s -> {
            signals.changed("a");
            s.setRollbackOnly();
        });
        assertThat(heard).isEmpty();
    }

    @Test
    void aNewTransactionInsideAnotherIsHeardWithItsOwnCommit() {
        signals.listen("inner", () -> heard.add("inner"));
        signals.listen("outer", () -> heard.add("outer"));
        TransactionTemplate requiresNew = new TransactionTemplate(tx.getTransactionManager());
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        tx.executeWithoutResult(s -> {
            signals.changed("outer");
            requiresNew.executeWithoutResult(inner -> signals.changed("inner"));
            assertThat(heard).containsExactly("inner");
        });
        assertThat(heard).containsExactly("inner", "outer");
    }

    @Test
    void withoutATransactionAChangeIsHeardAtOnceAndAListenerCanLeave() {
        Runnable leave = signals.listen("a", () -> heard.add("a"));
        signals.changed("a");
        assertThat(heard).containsExactly("a");
        leave.run();
        signals.changed("a");
        assertThat(heard).containsExactly("a");
        assertThat(signals.listenedKeys()).isZero();
    }
}
