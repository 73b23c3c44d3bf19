package com.bindflow.shared;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wake-ups on this node for requests that wait for a record to change ({@link LongPoll}): whoever writes the record
 * says so ({@link #changed}), and the listeners of its key hear it once the transaction has committed (never for a
 * write rolled back), once per transaction however many writes it made. A hint, not state: a change committed by
 * another node is not heard here, so a waiter also looks again now and then ({@code bindflow.api.long-poll.recheck}).
 */
@Component
public class ChangeSignals {

    private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} (on the committing thread: it must only hand work on) for each change of the key. */
    public Runnable listen(String key, Runnable listener) {
        listeners.compute(key, (k, set) -> {   // atomic with the removal of an emptied set below
            Set<Runnable> listening = set == null ? new CopyOnWriteArraySet<>() : set;
            listening.add(listener);
            return listening;
        });
        return () -> listeners.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** The record of this key changes in the current transaction (at once when there is none). */
    public void changed(String key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            fire(key);
            return;
        }
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof Commit commit && commit.owner() == this) {
                commit.keys().add(key);
                return;
            }
        }
        Commit commit = new Commit(this, new LinkedHashSet<>());
        commit.keys().add(key);
        TransactionSynchronizationManager.registerSynchronization(commit);
    }

    /** The keys a transaction changed (its own: a suspended transaction's synchronizations are not the current ones). */
    private static final class Commit implements TransactionSynchronization {   // identity equality: keys grow

        private final ChangeSignals owner;
        private final Set<String> keys;

        Commit(ChangeSignals owner, Set<String> keys) {
            this.owner = owner;
            this.keys = keys;
        }

        ChangeSignals owner() {
            return owner;
        }

        Set<String> keys() {
            return keys;
        }

        @Override
        public void afterCommit() {
            keys.forEach(owner::fire);
        }
    }

    /** Keys that someone listens to now (for the waiting requests' gauge and tests). */
    int listenedKeys() {
        return listeners.size();
    }

    private void fire(String key) {
        Set<Runnable> set = listeners.get(key);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }
}
