package com.bindflow;

import com.bindflow.support.BindflowSpringTest;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** History does not grow forever: every definition has a time to live and the nightly cleanup window is set. */
@BindflowSpringTest
class HistoryCleanupTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void everyProcessHasATimeToLiveAndCleanupRunsNightly() {
        for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()) {
            Assertions.assertThat(definition.getHistoryTimeToLive()).as(definition.getKey()).isNotNull().isPositive();
        }
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        Assertions.assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00+0800");
        Assertions.assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00+0800");
        Assertions.assertThat(engine.getHistoryService().findHistoryCleanupJobs()).isNotEmpty();
    }
}
