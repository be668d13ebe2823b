package com.podflow.intake.filedrop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.EventJson;
import com.podflow.events.order.Order;
import com.podflow.intake.domain.DuplicateOrderException;
import com.podflow.intake.persistence.OrderStore;
import com.podflow.intake.service.OrderService;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * Scans {@code <filedrop.dir>/<clientId>/inbox} (ADR 42). A {@code .json} (one order or an array) or {@code .csv} file
 * is taken when complete: a {@code <name>.done} marker beside it, or the same size and mtime at two scans in a row. The
 * replica whose claim row lands first processes it; each order goes through {@link OrderService#submit} like
 * {@code POST /v1/orders}, with channel {@code file}. Then the file moves to {@code archive/} (some order accepted,
 * with {@code <name>.report.json}) or {@code error/} (none accepted, with {@code <name>.errors.json}).
 */
@ApplicationScoped
public class FileDropScanner {
    private static final Logger LOG = Logger.getLogger(FileDropScanner.class);
    static final String CHANNEL = "file";
    private static final String DONE = ".done";
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(30);

    private final FileDropConfig config;
    private final OrderService orders;
    private final Pool pool;
    /** What each inbox file looked like at the previous scan: size and mtime. */
    private final Map<Path, List<Long>> seen = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public FileDropScanner(FileDropConfig config, OrderService orders, Pool pool) {
        this.config = config;
        this.orders = orders;
        this.pool = pool;
    }

    void start(@Observes StartupEvent event) {
        config.dir().ifPresent(root -> {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "filedrop-scanner");
                thread.setDaemon(true);
                return thread;
            });
            long every = config.scanInterval().toMillis();
            timer.scheduleWithFixedDelay(() -> {
                try {
                    scan(root);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "file drop scan of %s failed", root);
                }
            }, every, every, TimeUnit.MILLISECONDS);
            LOG.infof("file drop: scanning %s/<clientId>/inbox every %s", root.toAbsolutePath(),
                    config.scanInterval());
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One scan of every client's inbox under {@code root}; answers the reports of the files processed. */
    public List<FileReport> scan(Path root) {
        List<FileReport> reports = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return reports;
        }
        try (Stream<Path> clients = Files.list(root)) {
            for (Path clientDir : clients.filter(Files::isDirectory).sorted().toList()) {
                Path inbox = clientDir.resolve("inbox");
                if (Files.isDirectory(inbox)) {
                    scanInbox(clientDir.getFileName().toString(), inbox, reports);
                }
            }
        } catch (IOException e) {
            LOG.warnf(e, "file drop: cannot list %s", root);
        }
        return reports;
    }

    private void scanInbox(String clientId, Path inbox, List<FileReport> reports) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(inbox)) {
            files = listed.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase();
                return name.endsWith(".json") || name.endsWith(".csv");
            }).sorted().toList();
        }
        for (Path file : files) {
            List<Long> now;
            try {
                now = List.of(Files.size(file), Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                continue; // moved by another replica meanwhile
            }
            Path marker = file.resolveSibling(file.getFileName() + DONE);
            boolean complete = Files.exists(marker) || now.equals(seen.get(file));
            seen.put(file, now);
            if (!complete) {
                continue;
            }
            seen.remove(file);
            if (!clientExists(clientId)) {
                LOG.warnf("file drop: %s is in the inbox of unknown client %s; left there", file, clientId);
                continue;
            }
            if (!claim(clientId, file.getFileName().toString(), now.get(0), now.get(1))) {
                continue; // another replica took it
            }
            FileReport report = process(clientId, file);
            reports.add(report);
            settle(clientId, file, marker, now, report);
        }
        seen.keySet().removeIf(p -> p.startsWith(inbox) && !Files.exists(p));
    }

    private boolean clientExists(String clientId) {
        return pool.preparedQuery("select 1 from intake.clients where id = $1").execute(Tuple.of(clientId))
                .await().atMost(SUBMIT_TIMEOUT).size() > 0;
    }

    private boolean claim(String clientId, String name, long size, long mtime) {
        return pool.preparedQuery("insert into intake.filedrop_claims (client_id, file_name, size, mtime_ms)"
                + " values ($1, $2, $3, $4) on conflict do nothing")
                .execute(Tuple.of(clientId, name, size, mtime)).await().atMost(SUBMIT_TIMEOUT).rowCount() == 1;
    }

    FileReport process(String clientId, Path file) {
        String name = file.getFileName().toString();
        List<FileReport.Accepted> accepted = new ArrayList<>();
        List<FileReport.Problem> problems = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new FileReport.Problem(0, null, null, "unreadable", "The file cannot be read as UTF-8 text"));
            return new FileReport(name, accepted, problems);
        }
        if (name.toLowerCase().endsWith(".csv")) {
            processCsv(clientId, text, accepted, problems);
        } else {
            processJson(clientId, text, accepted, problems);
        }
        return new FileReport(name, accepted, problems);
    }

    private void processJson(String clientId, String text, List<FileReport.Accepted> accepted,
            List<FileReport.Problem> problems) {
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(new FileReport.Problem(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, null,
                    "malformed_json", "The file is not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (tree == null || !(tree.isObject() || tree.isArray())) {
            problems.add(new FileReport.Problem(0, null, null, "not_an_order",
                    "The file must hold one order (a JSON object) or an array of orders"));
            return;
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (tree.isArray()) {
            tree.forEach(nodes::add);
        } else {
            nodes.add(tree);
        }
        for (int i = 0; i < nodes.size(); i++) {
            int row = i + 1;
            JsonNode node = nodes.get(i);
            String reference = node.path("orderReferenceId").isTextual() ? node.get("orderReferenceId").asText() : null;
            Order order;
            try {
                order = EventJson.mapper().treeToValue(node, Order.class);
            } catch (JsonProcessingException e) {
                problems.add(new FileReport.Problem(row, reference, path(e), "invalid", e.getOriginalMessage()));
                continue;
            }
            submit(clientId, order, row, List.of(), accepted, problems);
        }
    }

    private void processCsv(String clientId, String text, List<FileReport.Accepted> accepted,
            List<FileReport.Problem> problems) {
        List<CsvOrders.Parsed> parsed;
        try {
            parsed = CsvOrders.parse(text);
        } catch (CsvOrders.BadFile e) {
            problems.add(e.problem);
            return;
        }
        for (CsvOrders.Parsed one : parsed) {
            if (!one.problems().isEmpty()) {
                problems.addAll(one.problems());
                continue;
            }
            submit(clientId, one.order(), one.itemRows().get(0), one.itemRows(), accepted, problems);
        }
    }

    /** {@code itemRows}: for a CSV order, the row of each item, so that an item's problem names its own row. */
    private void submit(String clientId, Order order, int row, List<Integer> itemRows,
            List<FileReport.Accepted> accepted, List<FileReport.Problem> problems) {
        String reference = order.orderReferenceId();
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            OrderStore.Accepted done = orders.submit(clientId, order, CHANNEL).await().atMost(SUBMIT_TIMEOUT);
            accepted.add(new FileReport.Accepted(row, reference, done.id()));
        } catch (ApiException e) {
            ApiError body = e.body();
            if (body.errors() == null || body.errors().isEmpty()) {
                problems.add(new FileReport.Problem(row, reference, null, "invalid", e.getMessage()));
            } else {
                for (ApiError.FieldError error : body.errors()) {
                    problems.add(new FileReport.Problem(rowOf(error.field(), row, itemRows), reference,
                            itemRows.isEmpty() ? error.field() : column(error.field()), error.code(),
                            error.message()));
                }
            }
        } catch (DuplicateOrderException e) {
            problems.add(new FileReport.Problem(row, reference, "orderReferenceId", "duplicate", e.getMessage()));
        } finally {
            request.terminate();
        }
    }

    /** A CSV item's problem ({@code items[2].quantity}) is on that item's row. */
    private static int rowOf(String field, int row, List<Integer> itemRows) {
        if (field != null && field.startsWith("items[")) {
            int end = field.indexOf(']');
            try {
                int index = Integer.parseInt(field.substring(6, end));
                if (index < itemRows.size()) {
                    return itemRows.get(index);
                }
            } catch (RuntimeException e) {
                return row;
            }
        }
        return row;
    }

    /** The CSV column of an order field: its last name ({@code items[0].files[0].url} is {@code fileUrl}). */
    static String column(String field) {
        if (field == null) {
            return null;
        }
        if (field.matches("items\\[\\d+]\\.files(\\[\\d+])?\\.url") || field.matches("items\\[\\d+]\\.files")) {
            return "fileUrl";
        }
        if (field.matches("items\\[\\d+]\\.files\\[\\d+]\\.type")) {
            return "fileType";
        }
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String path(JsonProcessingException e) {
        return e instanceof JsonMappingException m ? path(m) : null;
    }

    private void settle(String clientId, Path file, Path marker, List<Long> seenAs, FileReport report) {
        boolean archived = !report.accepted().isEmpty();
        Path target = file.getParent().resolveSibling(archived ? "archive" : "error");
        try {
            Files.createDirectories(target);
            String name = file.getFileName().toString();
            Path moved = target.resolve(name);
            if (Files.exists(moved)) {
                name = System.currentTimeMillis() + "-" + name;
                moved = target.resolve(name);
            }
            Files.move(file, moved, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(marker);
            Files.writeString(target.resolve(name + (archived ? ".report.json" : ".errors.json")),
                    EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (IOException e) {
            LOG.errorf(e, "file drop: cannot move %s to %s", file, target);
        }
        pool.preparedQuery("update intake.filedrop_claims set accepted = $5, failed = $6"
                + " where client_id = $1 and file_name = $2 and size = $3 and mtime_ms = $4")
                .execute(Tuple.from(List.of(clientId, file.getFileName().toString(), seenAs.get(0), seenAs.get(1),
                        report.accepted().size(), report.problems().size())))
                .await().atMost(SUBMIT_TIMEOUT);
        LOG.infof("file drop: %s of client %s: %d orders accepted, %d problems; moved to %s", file.getFileName(),
                clientId, report.accepted().size(), report.problems().size(), target);
    }
}
