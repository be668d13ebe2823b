package com.podflow.support.api;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a failure caused by a dependency that is away (the database down or restarting, a service this one calls not
 * answering) from a fault of ours. The first is a 503 with {@code Retry-After}: the client should try again and
 * nothing is wrong with its request; the second stays a 500 with a reference in the log.
 */
public final class Unavailable {
    /** SQLSTATEs of a server that is shutting down, starting, or out of connections (class 08: connection). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    /** Fault-tolerance refusals of a call to another service: it did not answer in time, or is known to be down. */
    private static final Set<String> UNAVAILABLE_CALLS = Set.of(
            "org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException",
            "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException",
            "org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException");

    private Unavailable() {
    }

    /** Which dependency is away ("the database", "a service it depends on"), or empty when it is our own fault. */
    public static Optional<String> dependency(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            // by name: a service without a database (file-fetcher) has no Vert.x SQL client on its class path
            if (t.getClass().getName().equals("io.vertx.sqlclient.ClosedConnectionException")
                    || unavailableState(vertxSqlState(t))) {
                return Optional.of("the database");
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return Optional.of("the database");
            }
            if (UNAVAILABLE_CALLS.contains(t.getClass().getName())) {
                return Optional.of("a service it depends on");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof ClosedChannelException
                    || t instanceof SocketException && String.valueOf(t.getMessage()).contains("reset")
                    || t instanceof java.util.concurrent.TimeoutException
                    || closedMessage(t.getMessage())) {
                return Optional.of("a dependency"); // the address is in the exception, logged
            }
        }
        return Optional.empty();
    }

    /** The SQLSTATE of a Vert.x SQL client's {@code DatabaseException} (e.g. PgException), else null. */
    private static String vertxSqlState(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.vertx.sqlclient.DatabaseException")) {
                try {
                    return (String) c.getMethod("getSqlState").invoke(t);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }

    /** Vert.x reports a pool whose connection died as a bare exception with one of these texts. */
    private static boolean closedMessage(String message) {
        return message != null && (message.equals("Connection is not active now")
                || message.equals("Connection was closed") || message.startsWith("Connection refused")
                || message.equals("Pending requests have been closed"));
    }
}
