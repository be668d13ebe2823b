package com.podflow.orderctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands that ask the admin API; each renders its answer as a table, or as JSON with {@code --json}. */
final class Commands {
    private Commands() {
    }

    /** What every command shares: the root's options and the output. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        OrderCtl root() {
            CommandSpec s = spec;
            while (!(s.userObject() instanceof OrderCtl)) {
                s = s.parent();
            }
            return (OrderCtl) s.userObject();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Prints {@code answer}: JSON with --json, else through {@link #render}. */
        int show(JsonNode answer) {
            if (answer == null || answer.isNull()) {
                out().println("done");
            } else if (!root().printedAsJson(out(), answer)) {
                render(out(), answer);
            }
            out().flush();
            return 0;
        }

        void render(PrintWriter out, JsonNode answer) {
            Render.fields(out, answer, OrderCtl.list("id", "orderId", "step", "validator", "attempt", "eventId",
                    "status", "message"));
        }
    }

    @Command(name = "why", description = "An order's status, what it is waiting for, and its latest history.")
    static final class Why extends Base {
        @Parameters(paramLabel = "ORDER", description = "order id, or reference with --client")
        String order;

        @Option(names = "--client", paramLabel = "CLIENT_ID", description = "the client whose reference ORDER is")
        String clientId;

        @Override
        public Integer call() {
            return show(root().api().get("/admin/v1/orders/" + Api.segment(order), Api.params("clientId", clientId)));
        }

        @Override
        void render(PrintWriter out, JsonNode order) {
            Render.fields(out, order, OrderCtl.list("id", "clientId", "orderReferenceId", "fulfillmentStatus", "status",
                    "attempt", "refusalReasonCode", "refusalReason", "createdAt", "updatedAt"));
            JsonNode waiting = order.get("waitingFor");
            if (waiting != null && waiting.isArray()) {
                out.println();
                out.println("Waiting for:");
                Render.table(out, waiting,
                        OrderCtl.list("input", "source", "attempt", "waitingSeconds", "detail"));
            }
            JsonNode history = order.get("statusHistory");
            if (history != null && history.isArray() && !history.isEmpty()) {
                out.println();
                out.println("Latest status changes:");
                Render.table(out, last(history, 5), OrderCtl.list("status", "at", "createdAt", "cause", "reason"));
            }
            JsonNode notes = order.get("notes");
            if (notes != null && notes.isArray() && !notes.isEmpty()) {
                out.println();
                out.println("Latest notes:");
                Render.table(out, last(notes, 5), OrderCtl.list("at", "text"));
            }
        }
    }

    @Command(name = "timeline", description = "Every event, request, delivery and dead letter of one order, in order.")
    static final class Timeline extends Base {
        @Parameters(paramLabel = "ORDER", description = "order id")
        String order;

        @Override
        public Integer call() {
            return show(root().api().get("/admin/v1/orders/" + Api.segment(order) + "/timeline", null));
        }

        @Override
        void render(PrintWriter out, JsonNode timeline) {
            JsonNode entries = timeline.has("entries") ? timeline.get("entries") : Render.list(timeline);
            Render.table(out, entries, OrderCtl.list("at", "gapMs", "source", "type", "topic",
                    "partition", "offset", "attempt", "validator", "outcome", "codes", "status", "summary"));
            JsonNode incomplete = timeline.get("incomplete");
            if (incomplete != null && !incomplete.isEmpty()) {
                out.println("incomplete: " + Render.cell(incomplete, 200));
            }
        }
    }

    @Command(name = "stalled", description = "Orders past their status's time limit, with what each is waiting for.")
    static final class Stalled extends Base {
        @Override
        public Integer call() {
            return show(root().api().get("/admin/v1/orders/stalled", null));
        }

        @Override
        void render(PrintWriter out, JsonNode answer) {
            JsonNode orders = Render.list(answer);
            if (orders == null || orders.isEmpty()) {
                out.println("(no stalled orders)");
                return;
            }
            ArrayNode rows = Api.JSON.createArrayNode();
            for (JsonNode order : orders) {
                ObjectNode row = order.deepCopy();
                List<String> details = new ArrayList<>();
                order.path("waitingFor").forEach(w -> details.add(w.path("detail").asText()));
                row.put("waitingFor", String.join("; ", details));
                rows.add(row);
            }
            Render.table(out, rows, OrderCtl.list("id", "clientId", "fulfillmentStatus", "attempt", "since",
                    "stalledAt", "waitingFor"));
        }
    }

    @Command(name = "redrive", description = "Re-send the one step an order waits for (idempotent).")
    static final class Redrive extends Base {
        @Parameters(paramLabel = "ORDER", description = "order id")
        String order;

        @ArgGroup(multiplicity = "1")
        Step step;

        static final class Step {
            @Option(names = "--validator", paramLabel = "NAME", description = "re-send the current attempt's order to this validator (data, product, rules, files)")
            String validator;

            @Option(names = "--production", description = "re-send the production request to the facility")
            boolean production;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (step.production) {
                body.put("step", "production");
            } else {
                body.put("step", "validator");
                body.put("validator", step.validator);
            }
            return show(root().api().post("/admin/v1/orders/" + Api.segment(order) + "/redrive", null, body));
        }
    }

    @Command(name = "replay", description = "Re-consume a topic from an offset or a time into the ledger (the event log de-duplicates).")
    static final class Replay extends Base {
        @Option(names = "--topic", required = true, paramLabel = "TOPIC")
        String topic;

        @Option(names = "--partition", paramLabel = "N", description = "one partition (default: all)")
        Integer partition;

        @ArgGroup(multiplicity = "1")
        From from;

        static final class From {
            @Option(names = "--from-offset", paramLabel = "OFFSET")
            Long offset;

            @Option(names = "--from-time", paramLabel = "INSTANT", description = "e.g. 2026-12-02T10:00:00Z")
            String time;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("topic", topic);
            body.put("partition", partition);
            body.put("fromOffset", from.offset);
            body.put("fromTime", from.time);
            return show(root().api().post("/admin/v1/replays", null, body));
        }

        @Override
        void render(PrintWriter out, JsonNode answer) {
            Render.fields(out, answer, OrderCtl.list("id", "topic", "partition", "read", "applied", "duplicates",
                    "failed", "status"));
        }
    }

    @Command(name = "rebuild", description = "Fold the projections again from the event log into a shadow table, show what differs, swap.")
    static final class Rebuild extends Base {
        @Option(names = "--dry-run", description = "report the differences only; the live projection is untouched")
        boolean dryRun;

        @Option(names = "--order", paramLabel = "ORDER", description = "only this order")
        String order;

        @Option(names = "--from", paramLabel = "INSTANT", description = "orders received from (with --to)")
        String from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "orders received before")
        String to;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("scope", order != null ? "order" : from != null || to != null ? "range" : "all");
            body.put("orderId", order);
            body.put("from", from);
            body.put("to", to);
            body.put("dryRun", dryRun);
            Api api = root().api();
            JsonNode rebuild = api.post("/admin/v1/rebuilds", null, body);
            if (!dryRun && rebuild.hasNonNull("id") && differences(rebuild) != 0) {
                rebuild = api.post("/admin/v1/rebuilds/" + Api.segment(rebuild.get("id").asText()) + "/swap", null,
                        null);
            }
            return show(rebuild);
        }

        static int differences(JsonNode rebuild) {
            JsonNode count = rebuild.get("differences");
            if (count == null) {
                return -1;
            }
            return count.isArray() ? count.size() : count.asInt(-1);
        }

        @Override
        void render(PrintWriter out, JsonNode answer) {
            Render.fields(out, answer, OrderCtl.list("id", "scope", "status", "orders", "events", "eventsPerSecond",
                    "differences", "swapped"));
            JsonNode list = answer.get("differences");
            if (list != null && list.isArray() && !list.isEmpty()) {
                out.println();
                Render.table(out, list, OrderCtl.list("orderId", "liveStatus", "rebuiltStatus", "fields"));
            }
        }
    }

    @Command(name = "dlq", description = "Dead letters: list, re-publish after a fix, mark resolved.", subcommands = {
            Dlq.ListLetters.class, Dlq.ReplayLetters.class, Dlq.Resolve.class})
    static final class Dlq extends Base {
        @Override
        public Integer call() {
            spec.commandLine().usage(out());
            return 0;
        }

        @Command(name = "list", description = "Parked records with their reason and the consumer that parked them.")
        static final class ListLetters extends Base {
            @Option(names = "--order", paramLabel = "ORDER")
            String order;

            @Option(names = "--topic", paramLabel = "TOPIC")
            String topic;

            @Option(names = "--status", paramLabel = "STATUS", description = "e.g. parked, replayed, resolved")
            String status;

            @Override
            public Integer call() {
                return show(root().api().get("/admin/v1/dead-letters",
                        Api.params("orderId", order, "topic", topic, "status", status)));
            }

            @Override
            void render(PrintWriter out, JsonNode answer) {
                Render.table(out, Render.list(answer), OrderCtl.list("id", "orderId", "sourceTopic",
                        "sourcePartition", "sourceOffset", "consumerGroup", "status", "receivedAt", "reason"));
            }
        }

        @Command(name = "replay", description = "Re-publish a parked record (or all of an order's) to its source topic.")
        static final class ReplayLetters extends Base {
            @Parameters(paramLabel = "ID", arity = "0..1", description = "the dead letter's id")
            String id;

            @Option(names = "--order", paramLabel = "ORDER", description = "every parked record of this order")
            String order;

            @Override
            public Integer call() {
                if ((id == null) == (order == null)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "give either a dead letter's ID or --order ORDER");
                }
                Api api = root().api();
                return show(id != null
                        ? api.post("/admin/v1/dead-letters/" + Api.segment(id) + "/replay", null, null)
                        : api.post("/admin/v1/dead-letters/replay", Api.params("orderId", order), null));
            }

            @Override
            void render(PrintWriter out, JsonNode answer) {
                JsonNode list = Render.list(answer);
                if (list != null) {
                    Render.table(out, list, OrderCtl.list("id", "topic", "sourceTopic", "orderId", "status"));
                } else {
                    Render.fields(out, answer, OrderCtl.list("id", "replayed", "topic", "sourceTopic", "status"));
                }
            }
        }

        @Command(name = "resolve", description = "Mark a parked record as resolved (nothing is re-published).")
        static final class Resolve extends Base {
            @Parameters(paramLabel = "ID")
            String id;

            @Override
            public Integer call() {
                return show(root().api().post("/admin/v1/dead-letters/" + Api.segment(id) + "/resolve", null, null));
            }
        }
    }

    static JsonNode last(JsonNode array, int n) {
        ArrayNode tail = Api.JSON.createArrayNode();
        for (int i = Math.max(0, array.size() - n); i < array.size(); i++) {
            tail.add(array.get(i));
        }
        return tail;
    }
}
