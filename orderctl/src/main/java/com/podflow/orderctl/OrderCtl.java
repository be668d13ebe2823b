package com.podflow.orderctl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The support engineers' command line: why an order is stuck, its timeline, stalled orders, re-drive, replay, rebuild,
 * dead letters, and a live tail of one order's events. Talks to intake-api's admin API ({@code X-ADMIN-KEY}) like any
 * operator's script would; {@code tail} reads the topics directly.
 */
@Command(name = "orderctl", mixinStandardHelpOptions = true, version = "orderctl 0.1", description = "Find out why an order is stuck and repair it (a running suite: ./run.sh).", subcommands = {
        Commands.Why.class, Commands.Timeline.class, Commands.Stalled.class, Commands.Redrive.class,
        Commands.Replay.class, Commands.Rebuild.class, Commands.Dlq.class, Tail.class,
        CommandLine.HelpCommand.class}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done",
                "1:the suite refused or could not be reached (the message says why)",
                "2:wrong usage"})
public final class OrderCtl implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "${env:PODFLOW_URL:-http://127.0.0.1:8080}", description = "intake-api's address (env PODFLOW_URL; default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--admin-key", scope = ScopeType.INHERIT, paramLabel = "KEY", defaultValue = "${env:PODFLOW_ADMIN_KEY:-dev-admin}", description = "the operators' X-ADMIN-KEY (env PODFLOW_ADMIN_KEY; default: the local run's)")
    String adminKey;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the answer as JSON, for scripts")
    boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "PT30S", description = "how long to wait for an answer (ISO-8601; default ${DEFAULT-VALUE})")
    Duration timeout;

    public static void main(String[] args) {
        // before any logger exists: the Kafka client is chatty at INFO, and a CLI's output is its answer
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new OrderCtl());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof Api.Failure failure) {
                commandLine.getErr().println("orderctl: " + failure.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    Api api() {
        return new Api(url, adminKey, timeout);
    }

    /** Prints the answer as JSON when {@code --json} was given; false when the caller should render it itself. */
    boolean printedAsJson(PrintWriter out, JsonNode answer) {
        if (!json) {
            return false;
        }
        try {
            out.println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            out.println(answer);
        }
        return true;
    }

    static List<String> list(String... values) {
        return List.of(values);
    }
}
