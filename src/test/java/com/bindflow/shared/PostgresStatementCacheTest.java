package com.bindflow.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class PostgresStatementCacheTest {

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }

    @Test
    void aPostgresPoolKeepsMoreParsedStatementsPerConnection() {
        HikariDataSource pool = pool("jdbc:postgresql://db:5432/bindflow");
        new PostgresStatementCache().postProcessBeforeInitialization(pool, "dataSource");
        assertThat(pool.getDataSourceProperties()).containsEntry("preparedStatementCacheQueries", "1024")
                .containsEntry("preparedStatementCacheSizeMiB", "16");
    }

    @Test
    void anH2PoolGetsNoSettingH2WouldRefuse() {
        HikariDataSource pool = pool("jdbc:h2:mem:x");
        new PostgresStatementCache().postProcessBeforeInitialization(pool, "dataSource");
        assertThat(pool.getDataSourceProperties()).isEmpty();
    }

    @Test
    void anOperatorsOwnSettingIsKept() {
        HikariDataSource pool = pool("jdbc:postgresql://db:5432/bindflow");
        pool.addDataSourceProperty("preparedStatementCacheQueries", "300");
        new PostgresStatementCache().postProcessBeforeInitialization(pool, "dataSource");
        assertThat(pool.getDataSourceProperties()).containsEntry("preparedStatementCacheQueries", "300")
                .containsEntry("preparedStatementCacheSizeMiB", "16");
    }
}
