package com.bindflow.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the application asks of its database, counted in a wrapper around its {@link DataSource} (benchmarks only):
 * statements (reads and writes, a batch entry counts as one), commits of transactions that wrote (an explicit
 * {@code commit()} after a write, or a write in auto-commit), and rows written (inserted, updated, deleted) per table,
 * summed as the engine's runtime tables ({@code ACT_RU_*}), its history ({@code ACT_HI_*}), its byte arrays
 * ({@code ACT_GE_BYTEARRAY}: serialized variables, deployments), its other tables and bindflow's own.
 */
final class JdbcCounters {

    private static final Pattern WRITE = Pattern.compile(
            "^\\s*(?:insert\\s+into|update|delete\\s+from|delete|merge\\s+into)\\s+([\\w.\"]+)", Pattern.CASE_INSENSITIVE);

    private final LongAdder statements = new LongAdder();
    private final LongAdder writeStatements = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final Map<String, LongAdder> rowsByTable = new ConcurrentHashMap<>();
    /** Commits by what they wrote: the thread's pool and the tables, in order of first write. */
    private final Map<String, LongAdder> commitShapes = new ConcurrentHashMap<>();
    /**
     * Statements by their text (whitespace folded, cut at 100 characters): where the statements of a unit come from.
     * Counted only with {@code -Dbenchmark.sql=true}, its only reader (folding costs a regular expression per new text).
     */
    private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();
    /** Microseconds the database took, by statement text (as {@link #bySql}) and for the commits ("COMMIT"). */
    private final Map<String, LongAdder> microsBySql = new ConcurrentHashMap<>();
    private final LongAdder commitMicros = new LongAdder();
    private final boolean countSql = Boolean.getBoolean("benchmark.sql");
    /** Folded text by statement text, and pool by thread name: computed once each, not per statement or commit. */
    private final Map<String, String> folded = new ConcurrentHashMap<>();
    private final Map<String, String> pools = new ConcurrentHashMap<>();

    /** Registers a post-processor that wraps the application's data source in these counters. */
    ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        return context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && !Proxy.isProxyClass(bean.getClass()) ? wrap(ds) : bean;
            }
        });
    }

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, args) -> {
            Object result = method.invoke(target, args);
            return result instanceof Connection c ? connection(c) : result;
        });
    }

    /** A copy of the counts now; the difference of two is what happened in between. */
    Snapshot snapshot() {
        Map<String, Long> rows = new TreeMap<>();
        rowsByTable.forEach((table, n) -> rows.put(table, n.sum()));
        Map<String, Long> shapes = new TreeMap<>();
        commitShapes.forEach((shape, n) -> shapes.put(shape, n.sum()));
        Map<String, Long> sql = new TreeMap<>();
        bySql.forEach((text, n) -> sql.put(text, n.sum()));
        Map<String, Long> micros = new TreeMap<>();
        microsBySql.forEach((text, n) -> micros.put(text, n.sum()));
        micros.put("COMMIT", commitMicros.sum());
        return new Snapshot(statements.sum(), writeStatements.sum(), commits.sum(), rows, shapes, sql, micros);
    }

    record Snapshot(long statements, long writeStatements, long commits, Map<String, Long> rows, Map<String, Long> shapes,
            Map<String, Long> sql, Map<String, Long> micros) {

        Snapshot minus(Snapshot before) {
            return new Snapshot(statements - before.statements, writeStatements - before.writeStatements,
                    commits - before.commits, delta(rows, before.rows), delta(shapes, before.shapes), delta(sql, before.sql),
                    delta(micros, before.micros));
        }

        Snapshot plus(Snapshot other) {
            return new Snapshot(statements + other.statements, writeStatements + other.writeStatements,
                    commits + other.commits, sum(rows, other.rows), sum(shapes, other.shapes), sum(sql, other.sql),
                    sum(micros, other.micros));
        }

        private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
            Map<String, Long> sum = new TreeMap<>(a);
            b.forEach((key, n) -> sum.merge(key, n, Long::sum));
            return sum;
        }

        private static Map<String, Long> delta(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> delta = new TreeMap<>();
            now.forEach((key, n) -> {
                long d = n - before.getOrDefault(key, 0L);
                if (d != 0) {
                    delta.put(key, d);
                }
            });
            return delta;
        }

        long rows(String kind) {
            return rows.entrySet().stream().filter(e -> kind(e.getKey()).equals(kind)).mapToLong(Map.Entry::getValue).sum();
        }

        static String kind(String table) {
            if (table.startsWith("act_ru_")) {
                return "runtime";
            } else if (table.startsWith("act_hi_")) {
                return "history";
            } else if (table.equals("act_ge_bytearray")) {
                return "bytearray";
            } else if (table.startsWith("act_")) {
                return "engine-other";
            }
            return "bindflow";
        }
    }

    // ---- the wrappers ------------------------------------------------------------------------------------------------

    private interface Call {
        Object call(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Call call) {
        return (T) Proxy.newProxyInstance(JdbcCounters.class.getClassLoader(), new Class<?>[] {type}, (InvocationHandler) (p, m, a) -> {
            try {
                return call.call(m, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** Per checked-out connection: whether the open transaction wrote, and whether it auto-commits. */
    private Connection connection(Connection target) throws Exception {
        boolean[] state = {target.getAutoCommit(), false};   // auto-commit, wrote since the last commit
        java.util.Set<String> written = new java.util.LinkedHashSet<>();   // tables written since the last commit
        return proxy(Connection.class, target, (method, args) -> {
            String name = method.getName();
            if (name.equals("setAutoCommit")) {
                state[0] = (Boolean) args[0];
            } else if (name.equals("commit") || name.equals("rollback")) {
                if (name.equals("commit") && state[1]) {
                    commits.increment();
                    shape(written);
                }
                state[1] = false;
                written.clear();
            }
            long t0 = System.nanoTime();
            Object result = method.invoke(target, args);
            if (name.equals("commit")) {
                commitMicros.add((System.nanoTime() - t0) / 1000);
            }
            if (result instanceof Statement && (name.startsWith("prepare") || name.equals("createStatement"))) {
                String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
                Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                        : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return statement(type, (Statement) result, sql, state, written);
            }
            return result;
        });
    }

    private Object statement(Class<?> type, Statement target, String preparedSql, boolean[] connection,
            java.util.Set<String> written) {
        int[] batched = {0};
        java.util.List<String> batchSql = new java.util.ArrayList<>();
        return proxy(type, target, (method, args) -> {
            String name = method.getName();
            long t0 = System.nanoTime();
            Object result = method.invoke(target, args);
            long micros = (System.nanoTime() - t0) / 1000;
            switch (name) {
                case "addBatch" -> {
                    batched[0]++;
                    if (args != null && args.length == 1 && args[0] instanceof String q) {
                        batchSql.add(q);
                    }
                }
                case "clearBatch" -> {
                    batched[0] = 0;
                    batchSql.clear();
                }
                case "executeBatch", "executeLargeBatch" -> {
                    int[] counts = result instanceof long[] l ? java.util.Arrays.stream(l).mapToInt(x -> (int) x).toArray()
                            : (int[]) result;
                    for (int i = 0; i < counts.length; i++) {
                        String sql = preparedSql != null ? preparedSql : i < batchSql.size() ? batchSql.get(i) : null;
                        executed(sql, counts[i] == Statement.SUCCESS_NO_INFO ? 1 : counts[i], connection, written,
                                micros / counts.length);
                    }
                    batched[0] = 0;
                    batchSql.clear();
                }
                case "execute", "executeUpdate", "executeLargeUpdate", "executeQuery" -> {
                    String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : preparedSql;
                    long rows = result instanceof Integer n ? n : result instanceof Long n ? n
                            : Boolean.FALSE.equals(result) ? target.getUpdateCount() : 0;
                    executed(sql, rows, connection, written, micros);
                }
                default -> {
                }
            }
            return result;
        });
    }

    /** Counts a commit by the thread's pool (its name without the number) and the tables it wrote. */
    private void shape(java.util.Set<String> written) {
        String pool = pools.computeIfAbsent(Thread.currentThread().getName(),
                name -> name.replaceAll("-?\\d+$", "").replaceAll("-\\d+-", "-"));
        commitShapes.computeIfAbsent(pool + ": " + String.join(" ", written), k -> new LongAdder()).increment();
    }

    private void executed(String sql, long rows, boolean[] connection, java.util.Set<String> written, long micros) {
        statements.increment();
        if (countSql && sql != null) {
            String key = folded.computeIfAbsent(sql, q -> {
                String text = q.replaceAll("\\s+", " ").trim();
                return text.length() > 100 ? text.substring(0, 100) : text;
            });
            bySql.computeIfAbsent(key, t -> new LongAdder()).increment();
            microsBySql.computeIfAbsent(key, t -> new LongAdder()).add(micros);
        }
        Matcher m = sql == null ? null : WRITE.matcher(sql);
        if (m == null || !m.find()) {
            return;
        }
        writeStatements.increment();
        String table = m.group(1).replace("\"", "").toLowerCase(Locale.ROOT);
        table = table.substring(table.lastIndexOf('.') + 1);
        if (rows > 0) {
            rowsByTable.computeIfAbsent(table, t -> new LongAdder()).add(rows);
        }
        written.add(table);
        if (connection[0]) {
            commits.increment();          // auto-commit: each write is a transaction of its own
            shape(written);
            written.clear();
        } else {
            connection[1] = true;
        }
    }
}
