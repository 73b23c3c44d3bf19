package com.bindflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * CPU time of processes or threads, from Linux's /proc (benchmarks only): the local PostgreSQL server's processes
 * ({@code /proc/<pid>/stat}), this JVM's JIT compiler threads ({@code /proc/self/task/<tid>/stat}), the jar's process.
 */
final class ProcCpu {

    private ProcCpu() {
    }

    /** One {@code stat} file: the command name and the CPU milliseconds so far (user and system). */
    record Stat(String name, long millis) {

        static Stat read(Path file) throws IOException {
            String stat = Files.readString(file);
            int close = stat.lastIndexOf(')');   // the name may hold spaces and brackets
            String[] fields = stat.substring(close + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime: fields 14 and 15
            return new Stat(stat.substring(stat.indexOf('(') + 1, close), ticks * 10);   // USER_HZ: 100 on Linux
        }
    }

    /**
     * The CPU milliseconds (user and system) so far of the entries of {@code dir} (each a directory with a
     * {@code stat} file) whose command name matches; -1 when {@code dir} cannot be listed or none matches. An entry
     * that ends while it is read is left out.
     */
    static long millis(Path dir, Predicate<String> name) {
        long millis = 0;
        boolean found = false;
        try (var entries = Files.list(dir)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    Stat stat = Stat.read(entry.resolve("stat"));
                    if (name.test(stat.name())) {
                        millis += stat.millis();
                        found = true;
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return found ? millis : -1;
    }
}
