package com.podflow.files.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.Vertx;

import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed.CheckedFile;
import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.files.cache.KnownFiles;
import com.podflow.files.domain.AddressPolicy;
import com.podflow.files.domain.DownloadLinks;
import com.podflow.files.http.FetchSettings;
import com.podflow.files.http.FileFetcher;
import com.podflow.files.inspect.FileInspector;
import com.podflow.files.inspect.InspectionSettings;
import com.podflow.files.store.FilesystemFileStore;
import com.podflow.files.testing.FileServer;
import com.podflow.files.testing.TestFiles;

/**
 * The check of one order's files against a real HTTP server and a real store, with the memory of files already seen:
 * how often a file is downloaded (requests counted at the server) and read (facts read), and that every order still
 * gets the result its own print size calls for.
 */
class OrderFileCheckTest {
    /** A fixed clock: the links of one file are the same in every result. */
    static final DownloadLinks LINKS = new DownloadLinks("http://localhost:8082",
            List.of("order-file-check-test-secret-000000"), java.time.Duration.ofDays(30),
            java.time.Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), java.time.ZoneOffset.UTC));

    static final String A4_LANDSCAPE = "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor";
    static final CustomTrim CARD = new CustomTrim(new BigDecimal("100"), new BigDecimal("70"));
    static final byte[] DESIGN = TestFiles.pdf(297, 210).text("Design").bytes();
    static final byte[] DESIGN_V2 = TestFiles.pdf(297, 210).pages(2).text("Design, second edition").bytes();
    static final String CARD_SIZE_PROBLEM = "page 1 is 297×210 mm, expected 100×70 mm (trim) or 106×76 mm (with 3 mm"
            + " bleed)";

    static Vertx vertx;
    static ExecutorService pool;

    final AtomicReference<byte[]> content = new AtomicReference<>(DESIGN);
    final AtomicReference<Instant> modified = new AtomicReference<>(Instant.parse("2026-11-01T10:00:00Z"));
    FileServer server;
    FilesystemFileStore store;
    KnownFiles known;
    OrderFileCheck check;

    @TempDir
    Path storeDir;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopVertx() {
        pool.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void start() throws IOException {
        server = new FileServer()
                .withETag("/etag.pdf", content::get)
                .withLastModified("/dated.pdf", content::get, modified::get)
                .on("/plain.pdf", exchange -> FileServer.answer(exchange, 200, content.get()));
        store = new FilesystemFileStore(storeDir);
        known = new KnownFiles(100, 1_000_000);
        FileFetcher fetcher = new FileFetcher(vertx, new FetchSettings(2000, 5000, 2_000_000, 5, 0, 50, 4,
                new AddressPolicy(List.of("127.0.0.0/8"), List.of())), store, pool);
        check = new OrderFileCheck(fetcher, new FileInspector(InspectionSettings.defaults()), store, pool, known,
                LINKS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Order order(String url, CustomTrim trim) {
        return new Order("ref-" + UUID.randomUUID(), "order", null, "EUR", null, null, "normal", null, null,
                List.of(new OrderItem("item", A4_LANDSCAPE, null, null, 1, null,
                        List.of(new OrderFile("default", url, null)), trim, null)),
                null, null);
    }

    OrderFileCheck.Result check(String url, CustomTrim trim) {
        return check.check(order(url, trim)).await().atMost(Duration.ofSeconds(20));
    }

    static CheckedFile checked(String url, byte[] bytes, int pages) {
        String sha256 = FileServer.sha256(bytes);
        DownloadLinks.Link link = LINKS.link(sha256);
        return new CheckedFile("item", "default", url, sha256, "application/pdf", bytes.length, null, null, null,
                pages, sha256).withDownload(link.url(), link.expiresAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etag.pdf", "/dated.pdf"})
    void aFileWithValidatorsIsDownloadedOnceWhileUnchangedAndJudgedByEachOrdersSize(String path) {
        // given an order that passed with the file, so it is in the store
        String url = server.url(path);
        assertThat(check(url, null).files()).containsExactly(checked(url, DESIGN, 1));

        // when more orders use it, one of them printing it at a size the file does not have
        List<OrderFileCheck.Result> results = List.of(check(url, null), check(url, CARD), check(url, null),
                check(url, null));

        // then the server sent the file once and answered 304 to each later request
        assertThat(server.hits(path)).isEqualTo(5);
        assertThat(server.bodies(path)).isEqualTo(1);
        assertThat(known.factsRead()).isEqualTo(1);
        // and every order has the result its own size calls for
        assertThat(results.get(0).files()).containsExactly(checked(url, DESIGN, 1));
        assertThat(results.get(1).files()).isEmpty();
        assertThat(results.get(1).findings()).containsExactly(
                new Finding(RefusalCodes.FILE_FORMAT, "items[0].files[0].url", CARD_SIZE_PROBLEM));
        assertThat(results.get(2).files()).containsExactly(checked(url, DESIGN, 1));
        assertThat(results.get(3).findings()).isEmpty();
        assertThat(store.find(FileServer.sha256(DESIGN))).isPresent();
    }

    @Test
    void aFileWithoutValidatorsIsDownloadedEachTimeButReadOnce() {
        // given
        String url = server.url("/plain.pdf");

        // when
        List<OrderFileCheck.Result> results = List.of(check(url, null), check(url, CARD), check(url, null));

        // then nothing tells whether the file changed: each order downloads it, its checksum finds the facts
        assertThat(server.bodies("/plain.pdf")).isEqualTo(3);
        assertThat(known.factsRead()).isEqualTo(1);
        assertThat(results.get(0).files()).containsExactly(checked(url, DESIGN, 1));
        assertThat(results.get(1).findings()).extracting(Finding::message).containsExactly(CARD_SIZE_PROBLEM);
        assertThat(results.get(2).files()).containsExactly(checked(url, DESIGN, 1));
        assertThat(storeDir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void aFileWithoutValidatorsThatChangedIsReadAgain() {
        // given
        String url = server.url("/plain.pdf");
        check(url, null);

        // when
        content.set(DESIGN_V2);
        OrderFileCheck.Result result = check(url, null);

        // then
        assertThat(known.factsRead()).isEqualTo(2);
        assertThat(result.files()).containsExactly(checked(url, DESIGN_V2, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etag.pdf", "/dated.pdf"})
    void aChangedFileAtTheSameUrlIsFetchedAndReadAgain(String path) {
        // given
        String url = server.url(path);
        check(url, null);
        check(url, null);

        // when the file changes (a new ETag, a later Last-Modified)
        content.set(DESIGN_V2);
        modified.set(Instant.parse("2026-11-02T10:00:00Z"));
        OrderFileCheck.Result changed = check(url, null);
        OrderFileCheck.Result after = check(url, null);

        // then the new version is downloaded and read once, and is the one later orders get
        assertThat(server.bodies(path)).isEqualTo(2);
        assertThat(server.notModified(path)).isEqualTo(2);
        assertThat(known.factsRead()).isEqualTo(2);
        assertThat(changed.files()).containsExactly(checked(url, DESIGN_V2, 2));
        assertThat(after.files()).containsExactly(checked(url, DESIGN_V2, 2));
    }

    @Test
    void aFileOnlyFailedOrdersUsedIsNotInTheStoreSoItIsDownloadedAgain() {
        // given an order that fails: its files are not kept
        String url = server.url("/etag.pdf");
        check(url, CARD);

        // when
        OrderFileCheck.Result result = check(url, null);

        // then no conditional request could be answered from the store; the checksum still spares the reading
        assertThat(server.bodies("/etag.pdf")).isEqualTo(2);
        assertThat(known.factsRead()).isEqualTo(1);
        assertThat(result.files()).containsExactly(checked(url, DESIGN, 1));
    }

    @Test
    void aStoredCopyRemovedByHandIsDownloadedAgainInFull() throws IOException {
        // given
        String url = server.url("/etag.pdf");
        check(url, null);
        Files.delete(store.find(FileServer.sha256(DESIGN)).orElseThrow());

        // when
        OrderFileCheck.Result result = check(url, null);

        // then
        assertThat(server.bodies("/etag.pdf")).isEqualTo(2);
        assertThat(result.files()).containsExactly(checked(url, DESIGN, 1));
        assertThat(store.find(FileServer.sha256(DESIGN))).isPresent();
    }

    @Test
    void withTheCacheOffEveryOrderDownloadsAndReadsTheFile() {
        // given
        known = KnownFiles.off();
        check = new OrderFileCheck(new FileFetcher(vertx, new FetchSettings(2000, 5000, 2_000_000, 5, 0, 50, 4,
                new AddressPolicy(List.of("127.0.0.0/8"), List.of())), store, pool),
                new FileInspector(InspectionSettings.defaults()), store, pool, known, LINKS);
        String url = server.url("/etag.pdf");

        // when
        check(url, null);
        check(url, null);

        // then
        assertThat(server.bodies("/etag.pdf")).isEqualTo(2);
        assertThat(known.factsRead()).isEqualTo(2);
    }
}
