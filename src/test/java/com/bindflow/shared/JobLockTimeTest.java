package com.bindflow.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The job lock sized to the jobs, from application.yaml: one job (at most two outside port calls, Task_SendOtp) ends
 * before its lock runs out, so no other node runs it meanwhile; and a dead node's jobs are another node's within 30 s
 * (the lock, then at most the longest idle wait of job acquisition).
 */
class JobLockTimeTest {

    private static final List<String> SYSTEMS = List.of("bindflow.wechat.api", "bindflow.jd-finance",
            "bindflow.aliyun.sms", "bindflow.aliyun.id-verification");

    @Test
    void aJobsWorstCaseIsUnderTheLockAndADeadNodesJobsAreTakenOverWithin30Seconds() throws Exception {
        PropertySource<?> yaml = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yaml")).get(0);
        Duration lock = Duration.ofMillis(Long.parseLong(yaml.getProperty("camunda.bpm.job-execution.lock-time-in-millis")
                .toString()));
        Duration maxWait = Duration.ofMillis(Long.parseLong(yaml.getProperty("camunda.bpm.job-execution.max-wait").toString()));
        Duration budget = Duration.parse(yaml.getProperty("bindflow.outside.operation-budget").toString());
        Duration longestRequest = Duration.ZERO;
        for (String system : SYSTEMS) {
            Duration request = Duration.parse(yaml.getProperty(system + ".connect-timeout").toString())
                    .plus(Duration.parse(yaml.getProperty(system + ".read-timeout").toString()));
            longestRequest = request.compareTo(longestRequest) > 0 ? request : longestRequest;
        }
        Duration portCall = budget.plus(longestRequest);
        assertThat(portCall.multipliedBy(2)).as("two port calls of a job").isLessThan(lock);
        assertThat(lock.plus(maxWait)).as("a dead node's jobs run elsewhere").isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
}
