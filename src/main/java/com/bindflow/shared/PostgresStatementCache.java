package com.bindflow.shared;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the driver keeps more parsed statements per connection than its defaults (256 statements, 5 MiB): the
 * engine's and bindflow's statements together are more, so the driver parsed some again on every use and PostgreSQL
 * planned them again (README: Performance and capacity). Set as the connection pool's driver properties, only for a
 * {@code jdbc:postgresql:} URL (H2 refuses settings it does not know); a parameter of the same name in the URL wins.
 */
@Component
public class PostgresStatementCache implements BeanPostProcessor {

    /** pgjdbc's {@code preparedStatementCacheQueries}: statements kept per connection. */
    static final String QUERIES = "preparedStatementCacheQueries";
    /** pgjdbc's {@code preparedStatementCacheSizeMiB}: the most they may take per connection. */
    static final String SIZE_MIB = "preparedStatementCacheSizeMiB";

    /** Before initialisation: after Boot bound spring.datasource.hikari.*, before anything wraps the pool. */
    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            apply(pool);
        }
        return bean;
    }

    static void apply(HikariDataSource pool) {
        String url = pool.getJdbcUrl();
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return;
        }
        if (!pool.getDataSourceProperties().containsKey(QUERIES)) {
            pool.addDataSourceProperty(QUERIES, "1024");
        }
        if (!pool.getDataSourceProperties().containsKey(SIZE_MIB)) {
            pool.addDataSourceProperty(SIZE_MIB, "16");
        }
    }
}
