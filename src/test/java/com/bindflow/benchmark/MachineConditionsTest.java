package com.bindflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineConditionsTest {

    @TempDir
    Path mm;

    @Test
    void aRunningPhysicalMemoryMonitorAndTheChosenHugePageModesAreNamed() throws IOException {
        write("damon/admin/kdamonds/nr_kdamonds", "1");
        write("damon/admin/kdamonds/0/state", "on");
        write("damon/admin/kdamonds/0/contexts/0/operations", "paddr");
        write("damon/admin/kdamonds/0/contexts/0/schemes/0/action", "pageout");
        write("damon/admin/kdamonds/0/contexts/0/monitoring_attrs/intervals/sample_us", "500000");
        write("transparent_hugepage/enabled", "always [madvise] never");
        write("transparent_hugepage/shmem_enabled", "always within_size advise [never] deny force");

        assertThat(MachineConditions.describe(mm))
                .isEqualTo("DAMON on (paddr, pageout, sample 500 ms); THP anonymous madvise, shared never");
    }

    @Test
    void aStoppedMonitorIsOffAndAMachineWithoutTheSettingsIsUnknown() throws IOException {
        assertThat(MachineConditions.describe(mm)).isEqualTo("DAMON unknown; THP anonymous unknown, shared unknown");

        write("damon/admin/kdamonds/0/state", "off");
        assertThat(MachineConditions.describe(mm)).startsWith("DAMON off;");
    }

    private void write(String path, String content) throws IOException {
        Path file = mm.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }
}
