package com.bindflow.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.binding.BindingProcess;
import com.bindflow.support.BindflowSpringTest;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * As on a node started on a database where the processes are deployed already: the engine's cache is empty, and the
 * warm-up loads every definition, each timer with its job definition, before the node takes requests.
 */
@BindflowSpringTest
class DeploymentCacheWarmUpTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    DeploymentCacheWarmUp warmUp;

    @Test
    void aNodeOnAnExistingDatabaseLoadsEveryDefinitionWithItsTimersJobDefinitionsBeforeItTakesRequests() {
        DeploymentCache cache = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache();
        List<ProcessDefinition> all = engine.getRepositoryService().createProcessDefinitionQuery().list();
        cache.discardProcessDefinitionCache();
        assertThat(all).allSatisfy(d -> assertThat(cache.getProcessDefinitionCache().get(d.getId())).isNull());

        assertThat(warmUp.loadAll()).isEqualTo(all.size());

        assertThat(all).allSatisfy(d -> assertThat(cache.getProcessDefinitionCache().get(d.getId())).isNotNull());
        ProcessDefinition binding = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(BindingProcess.PROCESS_ID).latestVersion().singleResult();
        ProcessDefinitionEntity cached = cache.getProcessDefinitionCache().get(binding.getId());
        List<TimerDeclarationImpl> timers = cached.getActivities().stream()
                .flatMap(a -> java.util.stream.Stream.concat(java.util.stream.Stream.of(a), a.getActivities().stream()))
                .map(a -> a.getProperties().get(BpmnProperties.TIMER_DECLARATIONS))
                .filter(Objects::nonNull).flatMap(m -> m.values().stream()).toList();
        assertThat(timers).isNotEmpty().allSatisfy(t -> assertThat(t.getJobDefinitionId()).isNotNull());
    }
}
