package com.podflow.support.messaging;

import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import com.podflow.events.EventDecodingException;

/**
 * The one rule every consumer of the suite applies to a failure: transient (the database or the broker is away, a
 * deadlock, a timeout: retry the same work until it succeeds) or not (this very record is refused: a bug of ours, an
 * event the fold rejects, a value PostgreSQL will never take). Retrying a refusal would block the partition forever;
 * parking a transient failure on the dead-letter topic would lose a good record's effect.
 */
public final class Failures {
    private static final boolean SQL_CLIENT = present("io.vertx.sqlclient.DatabaseException");

    private Failures() {
    }

    /**
     * False for a refusal of the record itself: {@link EventDecodingException}, {@link IllegalArgumentException},
     * {@link IllegalStateException} (the fold's and the decoders' refusals), a record Kafka will never take (too
     * large, not serializable), and PostgreSQL's SQLSTATE classes 22
     * (data exception) and 23 (integrity constraint violation). True for everything else, e.g. a connection refused, a
     * timeout, a serialization failure (40001) or a deadlock (40P01).
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EventDecodingException || t instanceof IllegalArgumentException
                    || t instanceof IllegalStateException || t instanceof RecordTooLargeException
                    || t instanceof RecordBatchTooLargeException || t instanceof SerializationException) {
                return false;
            }
            String state = SQL_CLIENT ? SqlStates.of(t) : null;
            if (state != null) {
                return !(state.startsWith("22") || state.startsWith("23"));
            }
        }
        return true;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Failures.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only where the reactive SQL client is on the class path (file-fetcher has no database). */
    private static final class SqlStates {
        static String of(Throwable t) {
            return t instanceof io.vertx.sqlclient.DatabaseException db ? db.getSqlState() : null;
        }
    }
}
