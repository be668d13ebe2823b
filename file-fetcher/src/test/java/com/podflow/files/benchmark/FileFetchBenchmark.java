package com.podflow.files.benchmark;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.files.cache.KnownFiles;
import com.podflow.files.check.OrderFileCheck;
import com.podflow.files.domain.AddressPolicy;
import com.podflow.files.domain.FetchOutcome;
import com.podflow.files.domain.FileReference;
import com.podflow.files.domain.TrimSize;
import com.podflow.files.http.FetchSettings;
import com.podflow.files.http.FileFetcher;
import com.podflow.files.inspect.FileInspector;
import com.podflow.files.inspect.InspectionSettings;
import com.podflow.files.store.FilesystemFileStore;
import com.podflow.files.testing.FileServer;
import com.podflow.files.testing.TestFiles;

/**
 * How many 5 MB PDFs one file-fetcher checks per second (download, inspect, store), against a baseline measured in the
 * same run: downloading the same bytes (with the checksum) and nothing else. The check is measured with the memory of
 * known files off (every order downloads and reads the file), and on, for a design many orders share: from a server
 * without validators (downloaded, read once) and from one with an ETag (a conditional GET answered 304). Not part of the default run (the name does
 * not end in Test) and asserts nothing; run it with
 * {@code ./mvnw -B test -pl file-fetcher -Dtest=FileFetchBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbenchmark.seconds=10} to measure longer, {@code -Dbenchmark.concurrency=4} for the orders in flight).
 */
class FileFetchBenchmark {
    static final com.podflow.files.domain.DownloadLinks LINKS = new com.podflow.files.domain.DownloadLinks(
            "http://localhost:8082", java.util.List.of("benchmark-secret-benchmark-secret-0000"),
            java.time.Duration.ofDays(30), java.time.Clock.systemUTC());

    static final String PRODUCT = "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor";

    @Test
    void filesPerSecond() throws Exception {
        int seconds = Integer.getInteger("benchmark.seconds", 5);
        int concurrency = Integer.getInteger("benchmark.concurrency", 4);
        // random pixels do not compress: 1300×1300 RGB is about 5 MB of image data, 300 DPI on a 110 mm square
        byte[] pdf = TestFiles.pdf(110, 110).image(1300, 1300).noisy().text("Benchmark").bytes();
        Path storeDir = Files.createTempDirectory("podflow-benchmark");
        Vertx vertx = Vertx.vertx();
        ExecutorService blocking = Executors.newCachedThreadPool();
        ExecutorService inspection = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (FileServer server = new FileServer().file("/print.pdf", pdf).withETag("/tagged.pdf", () -> pdf)) {
            FilesystemFileStore store = new FilesystemFileStore(storeDir);
            FileFetcher fetcher = new FileFetcher(vertx, new FetchSettings(5000, 30000, 100_000_000, 5, 0, 100, 8,
                    new AddressPolicy(List.of("127.0.0.0/8"), List.of())), store, blocking);
            FileInspector inspector = new FileInspector(InspectionSettings.defaults());
            String url = server.url("/print.pdf");
            String tagged = server.url("/tagged.pdf");

            // the download is dropped off the event loop, as the check does with its inspection
            Supplier<Uni<Void>> downloadOnly = () -> fetcher.fetch(url).emitOn(inspection).invoke(outcome -> {
                if (!(outcome instanceof FetchOutcome.Fetched fetched)) {
                    throw new IllegalStateException("download failed: " + outcome);
                }
                delete(fetched.file());
            }).replaceWithVoid();
            // every file downloaded and read (the cache off: what every order cost before it)
            Supplier<Uni<Void>> uncached = fullCheck(
                    new OrderFileCheck(fetcher, inspector, store, inspection, KnownFiles.off(), LINKS), order(url));
            // the same design again from a server without validators: downloaded, its checksum finds the facts
            Supplier<Uni<Void>> sameBytes = fullCheck(
                    new OrderFileCheck(fetcher, inspector, store, inspection, new KnownFiles(10_000, 16_000_000),
                            LINKS),
                    order(url));
            // the same design again from a server with an ETag: a conditional GET answered 304
            Supplier<Uni<Void>> notModified = fullCheck(
                    new OrderFileCheck(fetcher, inspector, store, inspection, new KnownFiles(10_000, 16_000_000),
                            LINKS),
                    order(tagged));

            // inspection alone, on a file already on disk: the CPU cost the check adds
            Path local = Files.write(storeDir.resolve("local.pdf"), pdf);
            Supplier<Uni<Void>> inspectOnly = () -> Uni.createFrom().item(() -> {
                try {
                    return inspector.inspect(local, FileReference.Kind.PRINT_FILE,
                            Optional.of(new TrimSize(110, 110, "customTrim")));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).runSubscriptionOn(inspection).replaceWithVoid();

            // warm up every path (JIT, connections, the caches), then measure them alternately, twice, and average
            List<Supplier<Uni<Void>>> tasks = List.of(downloadOnly, uncached, sameBytes, notModified);
            double[] rates = new double[tasks.size()];
            for (Supplier<Uni<Void>> task : tasks) {
                run(task, concurrency, Duration.ofSeconds(2));
            }
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < tasks.size(); i++) {
                    rates[i] += run(tasks.get(i), concurrency, Duration.ofSeconds(seconds)) / 2;
                }
            }
            double inspected = run(inspectOnly, concurrency, Duration.ofSeconds(seconds));

            System.out.printf(Locale.ROOT, "%nfile-fetcher benchmark: %.1f MB PDF, %d in flight, %d s each,"
                    + " %d processors%n", pdf.length / 1e6, concurrency, seconds,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  baseline (download + SHA-256 only):          %7.1f files/s%n",
                    rates[0]);
            System.out.printf(Locale.ROOT, "  check, cache off (download, inspect, store): %7.1f files/s  %5.2f x"
                    + " baseline%n", rates[1], rates[1] / rates[0]);
            System.out.printf(Locale.ROOT, "  check, same bytes again (no validators):     %7.1f files/s  %5.2f x"
                    + " baseline, %5.2f x cache off%n", rates[2], rates[2] / rates[0], rates[2] / rates[1]);
            System.out.printf(Locale.ROOT, "  check, unchanged URL (ETag, 304):            %7.1f files/s  %5.2f x"
                    + " baseline, %5.2f x cache off%n", rates[3], rates[3] / rates[0], rates[3] / rates[1]);
            System.out.printf(Locale.ROOT, "  (inspection alone, file on disk:             %7.1f files/s)%n%n",
                    inspected);
            fetcher.close();
        } finally {
            inspection.shutdownNow();
            blocking.shutdownNow();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            deleteTree(storeDir);
        }
    }

    static Order order(String url) {
        return new Order("bench", "order", null, "EUR", null, null, null, null, null,
                List.of(new OrderItem("item", PRODUCT, null, null, 1, null,
                        List.of(new OrderFile("default", url, null)),
                        new CustomTrim(BigDecimal.valueOf(110), BigDecimal.valueOf(110)), null)),
                null, null);
    }

    static Supplier<Uni<Void>> fullCheck(OrderFileCheck check, Order order) {
        return () -> check.check(order).invoke(result -> {
            if (!result.findings().isEmpty()) {
                throw new IllegalStateException("check failed: " + result.findings());
            }
        }).replaceWithVoid();
    }

    /** Files per second of {@code task} with {@code concurrency} in flight for {@code duration}. */
    static double run(Supplier<Uni<Void>> task, int concurrency, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long done = Multi.createBy().repeating().supplier(() -> 1).until(x -> System.nanoTime() > end)
                .onItem().transformToUni(x -> task.get().replaceWith(1)).merge(concurrency)
                .collect().with(java.util.stream.Collectors.counting())
                .await().atMost(duration.plusMinutes(2));
        return done / ((System.nanoTime() - start) / 1e9);
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(FileFetchBenchmark::delete);
        }
    }
}
