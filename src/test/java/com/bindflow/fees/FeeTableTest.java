package com.bindflow.fees;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Writes the fee tables to target/fee-table.md; the README must show exactly them (paste the file when this fails). */
class FeeTableTest {

    @Test
    void readmeShowsTheTablesTheDefaultCardProduces() throws Exception {
        String table = FeeTable.markdown(DefaultRateCard.CARD);
        Files.writeString(Path.of("target", "fee-table.md"), table, StandardCharsets.UTF_8);
        Assertions.assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
                .as("README.md's fee tables differ from target/fee-table.md: paste that file into the README")
                .contains(table);
    }
}
