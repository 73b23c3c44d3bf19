package com.bindflow.sandbox.traffic;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bindflow.BindflowApplication;
import com.bindflow.binding.BindingStatus;
import com.bindflow.reports.BindingFunnel;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A quiet log: sandbox traffic played on the test clock while the job executor and the WeChat inbox poller run in the
 * background, as in the jar. The clock's due work and the executor never run the same job at once
 * ({@code JobExecutionGate}), so the run writes no ERROR line and no stack trace, and its results are right. An
 * application of its own (job executor on), on an in-memory H2 database of its own.
 */
class QuietLogIT {

    /** Customers played: enough for every persona of the default mix to show up; the run had 200. */
    static final int CUSTOMERS = 40;

    private static final Set<String> END_STATES = Set.of(BindingStatus.ACTIVE.name(), BindingStatus.FAILED.name(),
            BindingStatus.EXPIRED.name(), BindingStatus.REJECTED.name(), BindingStatus.CANCELLED.name(),
            BindingStatus.UNDER_REVIEW.name());

    @Test
    void trafficWithTheJobExecutorRunningLogsNoErrorAndNoStackTrace() {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BindflowApplication.class)
                .profiles("sandbox").run("--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:quiet-log-it;DB_CLOSE_DELAY=-1",
                        "--camunda.bpm.job-execution.enabled=true", "--bindflow.wechat.inbox.poll=true")) {
            Assertions.assertThat(app.getBean(JobExecutor.class).isActive()).as("the job executor runs").isTrue();
            Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            captured.setContext(root.getLoggerContext());
            captured.start();
            root.addAppender(captured);
            try {
                TrafficGenerator.Run run = app.getBean(TrafficGenerator.class).play(CUSTOMERS, null, 42L);

                long started = run.funnel().channels().values().stream().mapToLong(BindingFunnel.ChannelFunnel::started).sum();
                Assertions.assertThat(started).isEqualTo(CUSTOMERS - run.skipped());
                List<String> states = app.getBean(JdbcTemplate.class).queryForList("select status from binding", String.class);
                Assertions.assertThat(states).hasSize((int) started).allMatch(END_STATES::contains);
                Assertions.assertThat(states).filteredOn(BindingStatus.ACTIVE.name()::equals).hasSizeGreaterThan(CUSTOMERS / 2);
            } finally {
                root.detachAppender(captured);
                ClockUtil.reset();
            }
        }
        List<ILoggingEvent> events = List.copyOf(captured.list);
        Assertions.assertThat(events).as("the traffic run logged something").isNotEmpty();
        Assertions.assertThat(events).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage).as("ERROR lines").isEmpty();
        Assertions.assertThat(events).filteredOn(e -> e.getThrowableProxy() != null)
                .extracting(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage())
                .as("lines with a stack trace").isEmpty();
        System.out.printf("quiet log: %d customers with the job executor running: %d log lines, 0 ERROR, 0 stack traces%n",
                CUSTOMERS, events.size());
    }
}
