package com.podflow.orderctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import picocli.CommandLine;

/**
 * The command line against a plain HTTP server that records what it is asked and answers what the test says: the
 * paths, the admin key, the bodies, the rendering and the exit codes. (The real suite answers it in the end-to-end
 * test.)
 */
class OrderCtlTest {
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer = "{}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key="
                    + exchange.getRequestHeaders().getFirst("X-ADMIN-KEY") + (body.isEmpty() ? "" : " " + body));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        CommandLine cli = OrderCtl.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = "http://127.0.0.1:" + server.getAddress().getPort();
        all[args.length + 2] = "--admin-key";
        all[args.length + 3] = "ops-key";
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void whyShowsStatusAndWhatTheOrderWaitsFor() {
        answer = """
                {"id":"o-1","clientId":"c-1","fulfillmentStatus":"received","attempt":2,
                 "waitingFor":[{"input":"validator","source":"files","attempt":2,"since":"2026-12-02T10:00:00Z",
                                "waitingSeconds":840,"detail":"no result for 14 min"}],
                 "statusHistory":[{"status":"received","at":"2026-12-02T10:00:00Z","cause":"order received"}]}""";

        Run run = run("why", "o-1");

        assertThat(run.exit()).isZero();
        assertThat(requests).containsExactly("GET /admin/v1/orders/o-1 key=ops-key");
        assertThat(run.out()).contains("fulfillmentStatus: received").contains("Waiting for:")
                .containsPattern("validator +files +2 +840 +no result for 14 min")
                .contains("Latest status changes:");
    }

    @Test
    void aReferenceIsLookedUpWithItsClient() {
        run("why", "ref 1", "--client", "c-1");

        assertThat(requests).containsExactly("GET /admin/v1/orders/ref%201?clientId=c-1 key=ops-key");
    }

    @Test
    void jsonPrintsTheAnswerAsItCame() throws IOException {
        answer = "{\"orders\":[{\"orderId\":\"o-9\",\"status\":\"received\"}]}";

        Run run = run("stalled", "--json");

        JsonNode printed = Api.JSON.readTree(run.out());
        assertThat(printed.at("/orders/0/orderId").asText()).isEqualTo("o-9");
    }

    @Test
    void stalledOrdersAreATable() {
        answer = "{\"orders\":[{\"id\":\"o-9\",\"clientId\":\"c-1\",\"fulfillmentStatus\":\"received\","
                + "\"waitingFor\":[{\"input\":\"validator\",\"detail\":\"validator files for attempt 1: none for 14 min\"}]},"
                + "{\"id\":\"o-10\",\"clientId\":\"c-2\",\"fulfillmentStatus\":\"created\",\"waitingFor\":[]}]}";

        Run run = run("stalled");

        assertThat(run.out().lines().toList()).hasSize(3)
                .first().asString().startsWith("ID");
        assertThat(run.out()).containsPattern("o-9 +c-1 +received +validator files for attempt 1: none for 14 min")
                .containsPattern("o-10 +c-2 +created");
    }

    @Test
    void theTimelineListsItsEntriesNotTheOrdersHistory() {
        answer = """
                {"orderId":"o-1","statusHistory":[{"status":"received","at":"2026-12-02T10:00:00Z"}],
                 "entries":[{"at":"2026-12-02T10:00:00Z","source":"ledger","type":"order.received",
                             "topic":"orders.intake","partition":2,"offset":41}],
                 "incomplete":["notifications"]}""";

        Run run = run("timeline", "o-1");

        assertThat(requests).containsExactly("GET /admin/v1/orders/o-1/timeline key=ops-key");
        assertThat(run.out()).containsPattern("ledger +order.received +orders.intake +2 +41")
                .contains("incomplete: [\"notifications\"]");
    }

    @Test
    void redriveSendsTheStepItWasGiven() {
        run("redrive", "o-1", "--validator", "files");
        run("redrive", "o-1", "--production");

        assertThat(requests).containsExactly(
                "POST /admin/v1/orders/o-1/redrive key=ops-key {\"step\":\"validator\",\"validator\":\"files\"}",
                "POST /admin/v1/orders/o-1/redrive key=ops-key {\"step\":\"production\"}");
    }

    @Test
    void redriveWithoutAStepIsAUsageError() {
        Run run = run("redrive", "o-1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--validator").contains("--production");
        assertThat(requests).isEmpty();
    }

    @Test
    void aRefusalShowsTheSuitesMessageAndExitsWithOne() {
        status = 409;
        answer = "{\"status\":409,\"message\":\"Order 'o-1' is delivered: nothing to re-drive\"}";

        Run run = run("redrive", "o-1", "--production");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("409").contains("nothing to re-drive");
    }

    @Test
    void anUnreachableSuiteSaysWhereItLooked() {
        server.stop(0);

        Run run = run("stalled");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the suite at http://127.0.0.1:");
    }

    @Test
    void deadLettersOfOneOrderAreReplayedTogether() {
        answer = "{\"replayed\":2}";

        run("dlq", "replay", "--order", "o-1");
        run("dlq", "resolve", "17");
        run("dlq", "list", "--order", "o-1", "--topic", "orders.intake.dlq");

        assertThat(requests).containsExactly("POST /admin/v1/dead-letters/replay?orderId=o-1 key=ops-key",
                "POST /admin/v1/dead-letters/17/resolve key=ops-key",
                "GET /admin/v1/dead-letters?orderId=o-1&topic=orders.intake.dlq key=ops-key");
    }

    @Test
    void dlqReplayNeedsAnIdOrAnOrderButNotBoth() {
        assertThat(run("dlq", "replay").exit()).isEqualTo(2);
        assertThat(run("dlq", "replay", "5", "--order", "o-1").exit()).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    @Test
    void aDryRunRebuildNeverSwaps() {
        answer = "{\"id\":\"r-1\",\"differences\":[{\"orderId\":\"o-1\",\"liveStatus\":\"received\","
                + "\"rebuiltStatus\":\"created\"}]}";

        Run run = run("rebuild", "--dry-run");

        assertThat(requests).hasSize(1).first().asString()
                .startsWith("POST /admin/v1/rebuilds key=ops-key").contains("\"scope\":\"all\"")
                .contains("\"dryRun\":true");
        assertThat(run.out()).containsPattern("o-1 +received +created");
    }

    @Test
    void aRebuildWithDifferencesIsSwapped() {
        answer = "{\"id\":\"r-2\",\"differences\":1}";

        run("rebuild", "--order", "o-1");

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).contains("\"scope\":\"order\"").contains("\"orderId\":\"o-1\"");
        assertThat(requests.get(1)).isEqualTo("POST /admin/v1/rebuilds/r-2/swap key=ops-key");
    }

    @Test
    void replayNeedsAStartingPoint() {
        assertThat(run("replay", "--topic", "orders.intake").exit()).isEqualTo(2);

        run("replay", "--topic", "orders.intake", "--from-time", "2026-12-02T10:00:00Z");

        assertThat(requests).containsExactly("POST /admin/v1/replays key=ops-key "
                + "{\"topic\":\"orders.intake\",\"partition\":null,\"fromOffset\":null,"
                + "\"fromTime\":\"2026-12-02T10:00:00Z\"}");
    }
}
