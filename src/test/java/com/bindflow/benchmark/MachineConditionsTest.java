package com.bindflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineConditionsTest {

    @TempDir
    Path sys;

    @Test
    void aRunningPhysicalMemoryMonitorAndTheChosenHugePageModesAreNamed() throws IOException {
        write("kernel/mm/damon/admin/kdamonds/nr_kdamonds", "1");
        kdamond("0", "on", "500000");
        write("kernel/mm/transparent_hugepage/enabled", "always [madvise] never");
        write("kernel/mm/transparent_hugepage/shmem_enabled", "always within_size advise [never] deny force");

        assertThat(MachineConditions.describe(sys))
                .isEqualTo("DAMON on (paddr, pageout, sample 500 ms); THP anonymous madvise, shared never");
    }

    @Test
    void aStoppedMonitorIsOffAndAMachineWithoutTheSettingsIsUnknown() throws IOException {
        assertThat(MachineConditions.describe(sys)).isEqualTo("DAMON unknown; THP anonymous unknown, shared unknown");

        kdamond("0", "off", "500000");
        assertThat(MachineConditions.describe(sys)).startsWith("DAMON off;");
    }

    @Test
    void aMonitorStartedByTheReclaimModuleIsOnAndASampleBelowAMillisecondIsInMicroseconds() throws IOException {
        write("module/damon_reclaim/parameters/enabled", "Y");
        write("module/damon_lru_sort/parameters/enabled", "N");
        assertThat(MachineConditions.describe(sys)).startsWith("DAMON on (damon_reclaim);");

        kdamond("0", "on", "500");
        assertThat(MachineConditions.describe(sys))
                .startsWith("DAMON on (damon_reclaim; paddr, pageout, sample 500 µs);");
    }

    /** Not root: the kernel lets only root read a kdamond's files; a monitor that may be running is not "off". */
    @Test
    void aStateThatCannotBeReadIsUnknownNotOff() throws IOException {
        kdamond("0", "on", "500000");
        Path state = sys.resolve("kernel/mm/damon/admin/kdamonds/0/state");
        Files.delete(state);
        Files.createDirectory(state);   // reading it fails as an unreadable file does

        assertThat(MachineConditions.describe(sys))
                .startsWith("DAMON unknown (a kdamond's state is readable by root only);");
    }

    private void kdamond(String id, String state, String sampleMicros) throws IOException {
        String dir = "kernel/mm/damon/admin/kdamonds/" + id + "/";
        write(dir + "state", state);
        write(dir + "contexts/0/operations", "paddr");
        write(dir + "contexts/0/schemes/0/action", "pageout");
        write(dir + "contexts/0/monitoring_attrs/intervals/sample_us", sampleMicros);
    }

    private void write(String path, String content) throws IOException {
        Path file = sys.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }
}
