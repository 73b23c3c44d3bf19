package com.bindflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * CPU time of processes or threads by their name, from Linux's /proc (benchmarks only): the local PostgreSQL server's
 * processes ({@code /proc/<pid>/stat}), this JVM's JIT compiler threads ({@code /proc/self/task/<tid>/stat}).
 */
final class ProcCpu {

    private ProcCpu() {
    }

    /**
     * The CPU milliseconds (user and system) so far of the entries of {@code dir} (each a directory with a
     * {@code stat} file) whose command name matches; -1 when {@code dir} cannot be listed or none matches. An entry
     * that ends while it is read is left out.
     */
    static long millis(Path dir, Predicate<String> name) {
        long ticks = 0;
        boolean found = false;
        try (var entries = Files.list(dir)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    int close = stat.lastIndexOf(')');   // the name may hold spaces and brackets
                    if (!name.test(stat.substring(stat.indexOf('(') + 1, close))) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime
                    found = true;
                } catch (IOException | RuntimeException gone) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return found ? ticks * 10 : -1;   // USER_HZ: 100 on Linux
    }
}
