package com.bindflow;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingProperties;
import com.bindflow.binding.BindingRepository;
import com.bindflow.binding.BindingService;
import com.bindflow.binding.BindingStatus;
import com.bindflow.channel.Channel;
import com.bindflow.shared.DueJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Restarts the whole application on one database: in-flight bindings survive, and unchanged BPMN, DMN and form
 * files deploy nothing new (stable resource names through the process application).
 */
class ApplicationRestartIT {

    private static final String DB = System.getProperty("it.datasource.url",
            "jdbc:h2:file:./target/restart-it/bindflow");

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BindflowApplication.class).profiles("sandbox", "test")
                .run("--spring.datasource.url=" + DB, "--server.port=0");
    }

    @Test
    void aRestartKeepsInFlightBindingsAndDeploysNothingNew() throws Exception {
        if (DB.startsWith("jdbc:h2:file:")) {
            FileSystemUtils.deleteRecursively(Path.of(DB.substring("jdbc:h2:file:".length())).getParent());
        }
        String userId = "demo-ok";
        long deployments;
        long definitions;
        String bindingId;
        try (ConfigurableApplicationContext first = start()) {
            RepositoryService repository = first.getBean(RepositoryService.class);
            first.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                    .update("delete from binding_open where user_id = ?", userId);
            deployments = repository.createDeploymentQuery().count();
            definitions = repository.createProcessDefinitionQuery().count();
            Assertions.assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("Binding").latestVersion()
                    .singleResult()).isNotNull();
            bindingId = first.getBean(BindingService.class).create("restart-it", UUID.randomUUID().toString(),
                    new BindingService.CreateBinding(userId, Channel.JD_APP)).binding().id();
            first.getBean(DueJobs.class).runAll();
            Assertions.assertThat(first.getBean(BindingRepository.class).find(bindingId).orElseThrow().status())
                    .isEqualTo(BindingStatus.AWAITING_AGREEMENT);
        }

        try (ConfigurableApplicationContext second = start()) {
            RepositoryService repository = second.getBean(RepositoryService.class);
            Assertions.assertThat(repository.createDeploymentQuery().count()).as("deployments").isEqualTo(deployments);
            Assertions.assertThat(repository.createProcessDefinitionQuery().count()).as("definitions").isEqualTo(definitions);

            Binding binding = second.getBean(BindingRepository.class).find(bindingId).orElseThrow();
            Assertions.assertThat(binding.status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
            Assertions.assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery()
                    .processInstanceBusinessKey(bindingId).count()).isEqualTo(1);
            String version = second.getBean(BindingProperties.class).agreementVersion();
            Assertions.assertThat(second.getBean(BindingService.class).acceptAgreement(bindingId, version).status())
                    .isEqualTo(BindingStatus.AWAITING_OTP);
        }
    }
}
