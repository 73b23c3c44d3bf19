package com.bindflow.shared;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads every deployed process definition into the engine's deployment cache, one after another, before the node
 * takes requests ({@link ReadinessGate}). On a database where the processes are deployed already (every restart, every
 * node joining a cluster) the engine otherwise parses a definition lazily, on its first use, and Camunda 7.24 puts the
 * parsed definition into the cache before it gives its timers and async steps their job definitions: a second request
 * or job in that moment finds the definition and creates a timer without one ("Invalid process definition id:
 * processDefinitionId is null", a 500 or a failed job; seen in the floor benchmark on a used PostgreSQL database,
 * Camunda issue #5486). Loaded once, nothing parses concurrently.
 */
@Component
public class DeploymentCacheWarmUp {

    private static final Logger log = LoggerFactory.getLogger(DeploymentCacheWarmUp.class);

    private final RepositoryService repository;

    public DeploymentCacheWarmUp(RepositoryService repository) {
        this.repository = repository;
    }

    /** Every version of every process (running instances may be on older ones); returns how many it loaded. */
    public int loadAll() {
        long started = System.nanoTime();   // how long the start spends here, not business time
        List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().list();
        definitions.forEach(d -> repository.getProcessDefinition(d.getId()));
        log.info("deployment cache: {} process definitions loaded in {} ms", definitions.size(),
                (System.nanoTime() - started) / 1_000_000);
        return definitions.size();
    }
}
