package com.bindflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The machine's memory settings that bend a JVM's latency, printed by each benchmark beside its figures: whether the
 * kernel's DAMON monitors memory (kdamond threads; a physical-address monitor with a page-out scheme stalled every
 * thread of a JVM with a large resident heap for 30–80 ms at a time on stop 23's machine) and transparent huge pages
 * for anonymous and shared memory (ZGC's heap is shared memory: it gets huge pages only where {@code shmem_enabled}
 * allows them). Read from sysfs; a machine without it prints "unknown".
 */
final class MachineConditions {

    private static final Pattern CHOSEN = Pattern.compile("\\[([^]]+)]");

    private MachineConditions() {
    }

    static String describe() {
        return describe(Path.of("/sys/kernel/mm"));
    }

    /** One line, e.g. "DAMON on (paddr, pageout, sample 500 ms); THP anonymous madvise, shared never". */
    static String describe(Path mm) {
        return "DAMON " + damon(mm.resolve("damon/admin/kdamonds")) + "; THP anonymous "
                + chosen(mm.resolve("transparent_hugepage/enabled")) + ", shared "
                + chosen(mm.resolve("transparent_hugepage/shmem_enabled"));
    }

    private static String damon(Path kdamonds) {
        if (!Files.isDirectory(kdamonds)) {
            return "unknown";
        }
        List<String> on = new ArrayList<>();
        try (Stream<Path> entries = Files.list(kdamonds)) {
            for (Path kdamond : entries.filter(Files::isDirectory).sorted().toList()) {
                if ("on".equals(read(kdamond.resolve("state")))) {
                    Path context = kdamond.resolve("contexts/0");
                    String sample = read(context.resolve("monitoring_attrs/intervals/sample_us"));
                    on.add(read(context.resolve("operations")) + ", " + read(context.resolve("schemes/0/action"))
                            + ", sample " + (sample.matches("\\d+") ? Long.parseLong(sample) / 1000 + " ms" : sample));
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return on.isEmpty() ? "off" : "on (" + String.join("; ", on) + ")";
    }

    private static String chosen(Path setting) {
        Matcher m = CHOSEN.matcher(read(setting));
        return m.find() ? m.group(1) : "unknown";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "none";
        }
    }
}
