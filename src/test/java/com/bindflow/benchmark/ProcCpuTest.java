package com.bindflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcCpuTest {

    @TempDir
    Path proc;

    @Test
    void theUserAndSystemTicksOfTheNamedEntriesAddUpInMilliseconds() throws IOException {
        stat("101", "C2 CompilerThre", 250, 7);
        stat("102", "C1 CompilerThre", 40, 2);
        stat("103", "http-nio-exec-1", 900, 90);
        stat("self", "C2 CompilerThre", 5000, 5000);   // not a number: /proc/self, the same process again
        Files.createDirectories(proc.resolve("104"));   // ended: its directory left without its stat

        assertThat(ProcCpu.millis(proc, n -> n.startsWith("C1 Compiler") || n.startsWith("C2 Compiler")))
                .isEqualTo((250 + 7 + 40 + 2) * 10);
    }

    @Test
    void aNameWithSpacesAndBracketsIsReadWhole() throws IOException {
        stat("7", "postgres: walwriter (x)", 3, 4);

        assertThat(ProcCpu.millis(proc, n -> n.startsWith("postgres"))).isEqualTo(70);
    }

    @Test
    void aMatchingEntryThatHasNotRunIsZeroNotUnknown() throws IOException {
        stat("9", "C1 CompilerThre", 0, 0);

        assertThat(ProcCpu.millis(proc, n -> n.startsWith("C1 Compiler"))).isZero();
    }

    @Test
    void noMatchingEntryOrNoDirectoryIsUnknown() throws IOException {
        stat("8", "java", 5, 5);

        assertThat(ProcCpu.millis(proc, n -> n.startsWith("postgres"))).isEqualTo(-1);
        assertThat(ProcCpu.millis(proc.resolve("missing"), n -> true)).isEqualTo(-1);
    }

    /**
     * A stat line as Linux writes it: pid (comm) state, then fields 4… with utime and stime at 14 and 15 (comm is at
     * most 15 characters on Linux; the longer names here only make the parsing's brackets harder).
     */
    private void stat(String pid, String comm, long utime, long stime) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(pid));
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S 1 1 1 0 -1 4194560 100 0 0 0 " + utime + " "
                + stime + " 0 0 20 0 1 0 100 1000 10 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
    }
}
