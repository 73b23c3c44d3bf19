package com.bindflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The machine's memory settings that bend a JVM's latency, printed by each benchmark beside its figures: whether the
 * kernel's DAMON monitors memory (kdamond threads, started through its sysfs interface or by its reclaim and LRU-sort
 * modules; a physical-address monitor with a page-out scheme stalled the threads of a JVM with a 2 GB ZGC heap, p99
 * about 30 ms, on stop 23's machine) and transparent huge pages for anonymous and shared memory (ZGC's heap is shared
 * memory: it gets huge pages only where {@code shmem_enabled} allows them). Read from sysfs, whose DAMON files only
 * root may read: what cannot be read prints "unknown", never "off".
 */
final class MachineConditions {

    private static final Pattern CHOSEN = Pattern.compile("\\[([^]]+)]");
    private static final String[] DAMON_MODULES = {"damon_reclaim", "damon_lru_sort"};

    private MachineConditions() {
    }

    static String describe() {
        return describe(Path.of("/sys"));
    }

    /** One line, e.g. "DAMON on (paddr, pageout, sample 500 ms); THP anonymous madvise, shared never". */
    static String describe(Path sys) {
        Path mm = sys.resolve("kernel/mm");
        return "DAMON " + damon(mm.resolve("damon/admin/kdamonds"), sys.resolve("module")) + "; THP anonymous "
                + chosen(mm.resolve("transparent_hugepage/enabled")) + ", shared "
                + chosen(mm.resolve("transparent_hugepage/shmem_enabled"));
    }

    private static String damon(Path kdamonds, Path modules) {
        List<String> on = new ArrayList<>();
        for (String module : DAMON_MODULES) {
            if (read(modules.resolve(module).resolve("parameters/enabled")).filter("Y"::equals).isPresent()) {
                on.add(module);
            }
        }
        if (Files.isDirectory(kdamonds)) {
            try (Stream<Path> entries = Files.list(kdamonds)) {
                for (Path kdamond : entries.filter(Files::isDirectory).sorted().toList()) {
                    Optional<String> state = read(kdamond.resolve("state"));
                    if (state.isEmpty()) {
                        return "unknown (a kdamond's state is readable by root only)";
                    }
                    if ("on".equals(state.get())) {
                        on.add(describeContext(kdamond.resolve("contexts/0")));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                return "unknown (" + e.getMessage() + ")";
            }
        } else if (on.isEmpty()) {
            return Files.isDirectory(modules) ? "off" : "unknown";
        }
        return on.isEmpty() ? "off" : "on (" + String.join("; ", on) + ")";
    }

    private static String describeContext(Path context) {
        String sample = read(context.resolve("monitoring_attrs/intervals/sample_us")).orElse("?");
        if (sample.matches("\\d{1,18}")) {
            long micros = Long.parseLong(sample);
            sample = micros % 1000 == 0 ? micros / 1000 + " ms" : micros + " µs";
        }
        return read(context.resolve("operations")).orElse("?") + ", "
                + read(context.resolve("schemes/0/action")).orElse("no scheme") + ", sample " + sample;
    }

    private static String chosen(Path setting) {
        Matcher m = CHOSEN.matcher(read(setting).orElse(""));
        return m.find() ? m.group(1) : "unknown";
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
