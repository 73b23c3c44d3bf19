package com.bindflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored filters' queries, checked against Tasklist's expressions ({@link QueryExpressions#inStoredQuery}). A
 * filter saved through the engine API passes {@link EngineQueryGuard} already; one written otherwise (the Java API, an
 * older version, the database) may hold any expression, which the engine would evaluate for every user who runs it.
 * So: at start-up every stored filter is checked and each one that holds another expression is logged at WARN (an
 * administrator must change or delete it); and before a filter is executed its stored query is checked again, and the
 * execution refused if it fails.
 */
public class StoredFilters {

    private static final Logger log = LoggerFactory.getLogger(StoredFilters.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<ProcessEngine> engine;

    public StoredFilters(Supplier<ProcessEngine> engine) {
        this.engine = engine;
    }

    /** Why the stored filter may not be executed, or empty (also when there is no such filter: the engine says so). */
    public Optional<QueryExpressions.Finding> refusal(String filterId) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.get().getProcessEngineConfiguration();
        String query = configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
            FilterEntity filter = context.getFilterManager().findFilterById(filterId);
            return filter == null ? null : filter.getQueryInternal();
        }));
        return check(query);
    }

    /** Every stored filter whose query holds an expression other than Tasklist's own, each logged at WARN. */
    public List<String> scan() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.get().getProcessEngineConfiguration();
        List<Filter> filters = configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(
                () -> context.getFilterManager().findFiltersByQueryCriteria(new org.camunda.bpm.engine.impl.filter.FilterQueryImpl())));
        List<String> refused = new ArrayList<>();
        for (Filter filter : filters) {
            Optional<QueryExpressions.Finding> finding = check(((FilterEntity) filter).getQueryInternal());
            if (finding.isPresent()) {
                refused.add(filter.getId());
                log.warn("stored filter {} ('{}', owner {}) holds an expression other than Tasklist's own in {}: it is not "
                                + "executed; an administrator must change or delete it", filter.getId(), filter.getName(),
                        filter.getOwner(), finding.get().field());
            }
        }
        return refused;
    }

    static Optional<QueryExpressions.Finding> check(String storedQuery) {
        if (storedQuery == null || storedQuery.isBlank()) {
            return Optional.empty();
        }
        JsonNode query;
        try {
            query = JSON.readTree(storedQuery);
        } catch (Exception unreadable) {
            return Optional.of(new QueryExpressions.Finding("query", "The stored query is not JSON."));
        }
        return QueryExpressions.inStoredQuery(query);
    }
}
