package com.podflow.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Which failures are "a dependency is away" (503) and which are ours (500). */
class UnavailableTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("connection refused, wrapped", new CompletionException(
                        new ConnectException("Connection refused: localhost/127.0.0.1:5432")), true),
                Arguments.of("pooled connection closed under us", ClosedConnectionException.INSTANCE, true),
                Arguments.of("server shutting down (57P01)",
                        new PgException("terminating connection due to administrator command", "FATAL", "57P01",
                                null),
                        true),
                Arguments.of("server starting up (57P03)",
                        new PgException("the database system is starting up", "FATAL", "57P03", null), true),
                Arguments.of("too many connections (53300)",
                        new PgException("sorry, too many clients already", "FATAL", "53300", null), true),
                Arguments.of("JDBC connection failure (08001)", new SQLException("refused", "08001"), true),
                Arguments.of("JDBC pool timeout", new SQLTransientConnectionException("no connection"), true),
                Arguments.of("vert.x closed connection text", new IllegalStateException("Connection is not active now"),
                        true),
                Arguments.of("constraint violation is ours", new PgException("duplicate key", "ERROR", "23505", null),
                        false),
                Arguments.of("syntax error is ours", new PgException("syntax error", "ERROR", "42601", null), false),
                Arguments.of("a bug is ours", new NullPointerException("x"), false),
                Arguments.of("an illegal state is ours", new IllegalStateException("order without items"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void tellsADependencyAwayFromOurFault(String name, Throwable failure, boolean away) {
        assertThat(Unavailable.dependency(failure).isPresent()).isEqualTo(away);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void databaseFailuresNameTheDatabase(String name, Throwable failure, boolean away) {
        if (away && !(failure instanceof IllegalStateException) && !(failure instanceof CompletionException)) {
            assertThat(Unavailable.dependency(failure)).contains("the database");
        }
    }
}
