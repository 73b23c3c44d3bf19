package com.bindflow.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * History FULL, but lean for the processes a binding runs through (bindflow.history.lean-processes): their history
 * keeps every process, activity and variable instance, decision, incident, failed job and user operation,
 * and drops the two kinds of row that only repeat what the others say: a variable's every intermediate value
 * ({@code ACT_HI_DETAIL}; the variable instance keeps its last value) and the job log but its failures
 * ({@code ACT_HI_JOB_LOG}: "created", "succeeded" and "deleted", the last a timer cancelled by the step it waited for;
 * a job's start and end are in the activity instance already, an operator's deletion in the user operation log).
 * Measured by EngineFloorBenchmark, they are about 40% of a binding's history rows (README: Performance and capacity). Nothing in
 * bindflow reads either; Cockpit's history views show variables and activities. The engine's history level stays
 * FULL (the database's history level is unchanged, and nodes with and without this can share a database). Off with
 * {@code bindflow.history.lean=false} (FULL history for every process).
 */
@Component
@ConditionalOnProperty(name = "bindflow.history.lean", havingValue = "true", matchIfMissing = true)
public class LeanHistory extends AbstractProcessEnginePlugin {

    private final Set<String> processes;

    public LeanHistory(@Value("${bindflow.history.lean-processes}") List<String> processes) {
        this.processes = Set.copyOf(processes);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        List<HistoryEventHandler> handlers = new ArrayList<>();
        handlers.add(new Handler(processes));
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    /** The engine's database history handler, without the rows above for the lean processes. */
    static final class Handler extends DbHistoryEventHandler {

        private final Set<String> processes;

        Handler(Set<String> processes) {
            this.processes = processes;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricJobLogEvent job && lean(event) && job.getState() != JobState.FAILED.getStateCode()) {
                return;
            }
            super.handleEvent(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return !lean(event) && super.shouldWriteHistoricDetail(event);
        }

        private boolean lean(HistoryEvent event) {
            return event.getProcessDefinitionKey() != null && processes.contains(event.getProcessDefinitionKey());
        }
    }
}
