package com.bindflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Only binding writes binding tables, on the SQL side (ArchitectureTest checks the classes): no main source outside
 * com/bindflow/binding/ inserts into, updates or deletes from binding, binding_open, binding_status_history,
 * idempotency_key or otp_challenge. Reading them (the funnel report, the traffic generator's count) is allowed.
 */
class BindingTablesTest {

    static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+(binding|binding_open|binding_status_history|idempotency_key"
                    + "|otp_challenge)\\b");

    @Test
    void onlyBindingWritesBindingTables() throws IOException {
        Path main = Path.of("src/main/java");
        Path binding = main.resolve("com/bindflow/binding");
        List<String> writes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = WRITE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!file.startsWith(binding)) {
                        writes.add(main.relativize(file) + ": " + m.group());
                    }
                }
            }
        }
        Assertions.assertThat(writes).as("writes to binding tables outside binding").isEmpty();
    }

    @Test
    void thePatternSeesTheBindingRepositorysWrites() throws IOException {
        // the check above must be able to fail: binding's own repository writes these tables in these words
        String repository = Files.readString(Path.of("src/main/java/com/bindflow/binding/BindingRepository.java"));
        Assertions.assertThat(WRITE.matcher(repository).results().map(r -> r.group(2).toLowerCase()).distinct())
                .contains("binding", "binding_open", "binding_status_history", "idempotency_key");
        Assertions.assertThat(WRITE.matcher("jdbc.update(\"update otp_challenge set state = ?\")").find()).isTrue();
        Assertions.assertThat(WRITE.matcher("select count(*) from binding").find()).isFalse();
    }
}
