package com.podflow.runner.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.podflow.infra.Database;

/**
 * The database's own pace: single-row inserts of {@code payload} (each its own transaction, as an accepted order is)
 * from {@code connections} JDBC connections into a scratch table of the suite's database, dropped afterwards.
 */
final class RawPostgres {
    static final String TABLE = "public.benchmark_raw_inserts";

    private final Database database;

    RawPostgres(Database database) {
        this.database = database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    /** Inserts per second over {@code duration}, after {@code warmUp} of the same. */
    double insertsPerSecond(String payload, int connections, Duration warmUp, Duration duration)
            throws SQLException, InterruptedException {
        try (Connection admin = connect(); Statement ddl = admin.createStatement()) {
            ddl.execute("drop table if exists " + TABLE);
            ddl.execute("create table " + TABLE + " (id bigserial primary key, reference text not null,"
                    + " payload text not null, created_at timestamptz not null default now())");
        }
        try {
            run(payload, connections, warmUp);
            return run(payload, connections, duration) / (duration.toNanos() / 1e9);
        } finally {
            try (Connection admin = connect(); Statement ddl = admin.createStatement()) {
                ddl.execute("drop table if exists " + TABLE);
            }
        }
    }

    private long run(String payload, int connections, Duration duration) throws InterruptedException, SQLException {
        AtomicLong inserted = new AtomicLong();
        AtomicReference<SQLException> failure = new AtomicReference<>();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            Thread thread = new Thread(() -> {
                try (Connection db = connect();
                        PreparedStatement insert = db.prepareStatement(
                                "insert into " + TABLE + " (reference, payload) values (?, ?)")) {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        insert.setString(1, "raw-" + connection + "-" + n++);
                        insert.setString(2, payload);
                        insert.executeUpdate();
                        inserted.incrementAndGet();
                    }
                } catch (SQLException e) {
                    failure.compareAndSet(null, e);
                }
            }, "benchmark-pg-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(duration.toMillis() + 60_000);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return inserted.get();
    }
}
