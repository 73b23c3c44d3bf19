package com.bindflow.shared;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work under a savepoint of the caller's transaction (or in a transaction of its own without one): an insert that may
 * meet a concurrent duplicate fails alone, and the caller's transaction goes on (PostgreSQL would abort it otherwise).
 */
public final class Savepoints {

    private Savepoints() {
    }

    public static TransactionTemplate of(PlatformTransactionManager transactionManager) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return template;
    }
}
