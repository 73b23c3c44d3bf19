package com.bindflow.benchmark;

import com.bindflow.BindflowApplication;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/** What the benchmarks share: the application on the embedded default (a fresh H2 file database) and N personas. */
final class BenchmarkApp {

    private BenchmarkApp() {
    }

    /**
     * Starts the application (sandbox profile, random port, job executor and pollers on) on a fresh H2 file database
     * in {@code target/<name>}, with {@code customers} personas {@code bench-0 … bench-(n-1)} like demo-ok (available
     * 15000), those matching {@code crossBorder} with the cross-border permission.
     */
    static ConfigurableApplicationContext start(String name, int customers, IntPredicate crossBorder) throws Exception {
        Path dir = Path.of("target", name);
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path personas = writePersonas(dir.resolve("personas.json"), customers, crossBorder);
        return new SpringApplicationBuilder(BindflowApplication.class)
                .profiles("sandbox")
                .run("--server.port=0", "--bindflow.data-dir=" + dir.toAbsolutePath(),   // the default H2 URL under it
                        "--bindflow.sandbox.personas=file:" + personas.toAbsolutePath(),
                        "--logging.level.root=WARN");
    }

    private static Path writePersonas(Path file, int count, IntPredicate crossBorder) throws Exception {
        List<Map<String, Object>> personas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String idNumber = String.format("110101199001%06d", i);
            personas.add(Map.of("userId", "bench-" + i, "realName", "测试" + i, "idNumber", idNumber,
                    "phone", String.format("139%08d", i),
                    "account", Map.of("status", "NORMAL", "overdue", false, "accountClass", 3, "enterprise", false,
                            "cashOutHistory", false, "creditLimit", "20000.00", "availableCredit", "15000.00",
                            "crossBorderPermission", crossBorder.test(i)),
                    "publicSecurity", Map.of("realName", "测试" + i, "idNumber", idNumber),
                    "wechat", Map.of("payEnabled", true, "bankCards", 1, "thirdPartyAuthorization", true)));
        }
        new ObjectMapper().writeValue(file.toFile(), Map.of("personas", personas));
        return file;
    }
}
