package com.podflow.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Grafana dashboard (deploy/grafana/podflow.json) only plots metrics the suite exports: every metric name in its
 * PromQL is one the README's "Operating it" documents, and every podflow_* name documented there is one a meter in
 * the services' code registers (its Prometheus name: dots to underscores, counters {@code _total}, timers and
 * {@code baseUnit("seconds")} {@code _seconds}). Renaming a meter without the README, or the README without the
 * dashboard, fails here.
 */
class DashboardMetricsTest {

    private static final Path DASHBOARD = Repo.ROOT.resolve("deploy/grafana/podflow.json");
    private static final Set<String> SUFFIXES = Set.of("", "_bucket", "_count", "_sum", "_max");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");

    @Test
    void everyMetricOfTheDashboardIsDocumented() {
        List<String> expressions = expressions(dashboard());
        assertThat(expressions).hasSizeGreaterThan(10);
        Set<String> used = new TreeSet<>();
        expressions.forEach(e -> used.addAll(metricNames(e)));
        assertThat(used).contains("http_server_requests_seconds_bucket", "podflow_ledger_stalled_orders",
                "podflow_dead_letters_parked", "kafka_consumer_fetch_manager_records_lag_max");
        assertThat(undocumented(used, documented())).isEmpty();
    }

    @Test
    void everyDocumentedPodflowMetricIsOneTheCodeRegisters() {
        Set<String> exported = registeredInCode();
        assertThat(exported).contains("podflow_notification_deliveries_pending",
                "podflow_notification_deliveries_oldest_age_seconds", "podflow_outbox_published_total",
                "podflow_consumer_batch_seconds");
        // a wildcard would let any podflow name pass
        assertThat(documented()).noneMatch(n -> n.startsWith("podflow") && n.endsWith("*"));
        Set<String> documentedPodflow = new TreeSet<>();
        documented().stream().filter(n -> n.startsWith("podflow_")).forEach(documentedPodflow::add);
        assertThat(documentedPodflow).hasSizeGreaterThan(10);
        assertThat(documentedPodflow).allSatisfy(name -> assertThat(exported).as(name).contains(name));
        // and the other way round: no meter of the code is left out of the README
        assertThat(exported).allSatisfy(name -> assertThat(documentedPodflow).as(name).contains(name));
    }

    @Test
    void aRenamedMetricIsCaught() {
        // a dashboard still plotting a metric's old name
        String renamed = "sum by (job, table) (podflow_outbox_rows{job=~\"$job\"})";
        assertThat(metricNames(renamed)).containsExactly("podflow_outbox_rows");
        assertThat(undocumented(metricNames(renamed), documented())).containsExactly("podflow_outbox_rows");
        // a histogram's series, label names, functions, ranges, strings and Grafana variables are not metric names
        String fine = "histogram_quantile(0.99, sum by (job, uri, le) (rate(http_server_requests_seconds_bucket"
                + "{job=~\"$job\", status=~\"5..\"}[$__rate_interval]))) > bool 1e3 or vector(0) offset 5m";
        assertThat(metricNames(fine)).containsExactly("http_server_requests_seconds_bucket");
        assertThat(undocumented(metricNames(fine), documented())).isEmpty();
        // a meter renamed in the code is no longer what the README documents
        assertThat(prometheusNames("Gauge.builder(\"podflow.ledger.stalled.count\", x, X::get).register(r);"))
                .containsExactly("podflow_ledger_stalled_count");
        assertThat(documented()).doesNotContain("podflow_ledger_stalled_count");
    }

    /** The names a PromQL expression selects (label matchers, functions, keywords and variables left out). */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // strings
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // ranges
                .replaceAll("\\$\\{?\\w+}?", " ") // Grafana variables
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(s);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The names that are neither documented nor a documented histogram's series nor under a documented prefix*. */
    static Set<String> undocumented(Set<String> used, Set<String> documented) {
        Set<String> missing = new TreeSet<>();
        for (String name : used) {
            boolean known = documented.stream().anyMatch(d -> d.endsWith("*")
                    ? name.startsWith(d.substring(0, d.length() - 1))
                    : SUFFIXES.stream().anyMatch(suffix -> name.equals(d + suffix)));
            if (!known) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** The metric names in backticks in the README's "Operating it" section ("prefix*" kept as a prefix). */
    static Set<String> documented() {
        String readme = read(Repo.ROOT.resolve("README.md"));
        int start = readme.indexOf("## Operating it");
        assertThat(start).as("README section Operating it").isNotNegative();
        int end = readme.indexOf("\n## ", start + 3);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("`([a-z][a-z0-9_]*_[a-z0-9_]*\\*?)(\\{[^}`]*})?`").matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The Prometheus names of the meters registered in the services' and libraries' main code. */
    static Set<String> registeredInCode() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repo.ROOT)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).forEach(p -> names.addAll(prometheusNames(read(p))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Micrometer's Prometheus naming of the meters a source registers. */
    static Set<String> prometheusNames(String source) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(Gauge|Counter|Timer|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\""
                + "|Metrics\\.(counter|timer|gauge|summary)\\(\\s*\"([^\"]+)\"").matcher(source);
        while (m.find()) {
            String kind = (m.group(1) != null ? m.group(1) : m.group(3)).toLowerCase();
            String base = (m.group(2) != null ? m.group(2) : m.group(4)).replace('.', '_');
            int statementEnd = source.indexOf(';', m.end());
            String statement = source.substring(m.end(), statementEnd < 0 ? source.length() : statementEnd);
            names.add(switch (kind) {
                case "counter" -> base + "_total";
                case "timer" -> base + "_seconds";
                default -> statement.contains("baseUnit(\"seconds\")") ? base + "_seconds" : base;
            });
        }
        return names;
    }

    private static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PromQL expression: the panels' targets and the template variables' queries. */
    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String query = variable.path("query").path("query").asText("");
            Matcher m = Pattern.compile("label_values\\(\\s*([^,)]+)").matcher(query);
            if (m.find()) {
                expressions.add(m.group(1));
            }
        }
        return expressions;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
