package com.podflow.files.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;

import com.podflow.files.domain.AddressPolicy;
import com.podflow.files.domain.FetchOutcome;
import com.podflow.files.domain.FileVersion;
import com.podflow.files.store.FilesystemFileStore;
import com.podflow.files.testing.FileServer;
import com.podflow.files.testing.TestFiles;

/**
 * The downloader against a real HTTP server on 127.0.0.1: address checks on every hop, limits, retries, and what it
 * leaves on disk. Loopback is allowed explicitly where a test needs the server, as {@code %test} does.
 */
class FileFetcherTest {
    static final byte[] PDF = TestFiles.pdf(100, 70).bytes();
    static final AddressPolicy LOOPBACK_ALLOWED = new AddressPolicy(List.of("127.0.0.0/8", "::1/128"), List.of());

    static Vertx vertx;
    static ExecutorService blocking;
    static FileServer server;
    static AtomicInteger flaky = new AtomicInteger();

    @TempDir
    Path storeDir;
    FilesystemFileStore store;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        blocking = Executors.newCachedThreadPool();
        server = new FileServer()
                .file("/ok.pdf", PDF)
                .status("/missing.pdf", 404)
                .status("/down.pdf", 503)
                .on("/flaky.pdf", exchange -> {
                    int status = flaky.incrementAndGet() == 1 ? 503 : 200;
                    FileServer.answer(exchange, status, status == 200 ? PDF : new byte[0]);
                })
                .file("/big.pdf", new byte[2_000_001])
                .on("/big-chunked.pdf", exchange -> {
                    exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse it by
                    for (int i = 0; i < 40; i++) {
                        exchange.getResponseBody().write(new byte[100_000]);
                    }
                })
                .slow("/slow.pdf")
                .redirect("/moved.pdf", "/ok.pdf")
                .redirect("/to-metadata.pdf", "http://169.254.169.254/latest/meta-data/")
                .redirect("/to-ftp.pdf", "ftp://files.test/a.pdf")
                .redirect("/loop.pdf", "/loop.pdf")
                .withETag("/tagged.pdf", () -> PDF)
                .redirect("/moved-tagged.pdf", "/tagged.pdf");
    }

    @AfterAll
    static void stop() {
        server.close();
        blocking.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void createStore() throws IOException {
        store = new FilesystemFileStore(storeDir);
    }

    @AfterEach
    void nothingIsLeftBehindButDeliveredFiles() {
        // partial files are deleted in the background once their transfer ended
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (Stream<Path> files = Files.list(storeDir.resolve("tmp"))) {
                assertThat(files.filter(f -> !f.getFileName().toString().startsWith("kept-"))).isEmpty();
            }
        });
    }

    FileFetcher fetcher(AddressPolicy policy, int retries) {
        return new FileFetcher(vertx, new FetchSettings(1000, 800, 1_000_000, 5, retries, 10, 4, policy), store,
                blocking);
    }

    FetchOutcome fetch(FileFetcher fetcher, String url) {
        return fetcher.fetch(url).await().atMost(Duration.ofSeconds(20));
    }

    static String problem(FetchOutcome outcome, String url) {
        return outcome.problem(url).orElse(null);
    }

    @Test
    void byDefaultALoopbackUrlIsRefusedWithoutARequest() {
        // given
        String url = server.url("/ok.pdf");
        int before = server.hits("/ok.pdf");

        // when
        FetchOutcome outcome = fetch(fetcher(AddressPolicy.publicOnly(), 2), url);

        // then
        assertThat(outcome).isInstanceOf(FetchOutcome.NotPublic.class);
        assertThat(problem(outcome, url)).isEqualTo(
                url + " is not public: 127.0.0.1 is a loopback address; give a URL on the public internet");
        assertThat(server.hits("/ok.pdf")).isEqualTo(before);
    }

    @Test
    void aFetchedFileArrivesWholeWithItsChecksum() {
        // when
        FetchOutcome outcome = fetch(fetcher(LOOPBACK_ALLOWED, 2), server.url("/ok.pdf"));

        // then
        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, fetched -> {
            assertThat(fetched.sizeBytes()).isEqualTo(PDF.length);
            assertThat(fetched.sha256()).isEqualTo(sha256(PDF));
            assertThat(read(fetched.file())).isEqualTo(PDF);
            keep(fetched.file());
        });
    }

    @Test
    void aRedirectIsFollowed() {
        assertThat(fetch(fetcher(LOOPBACK_ALLOWED, 2), server.url("/moved.pdf")))
                .isInstanceOfSatisfying(FetchOutcome.Fetched.class, fetched -> keep(fetched.file()));
    }

    @Test
    void aRedirectToAPrivateAddressIsRefused() {
        // given
        String url = server.url("/to-metadata.pdf");

        // when
        FetchOutcome outcome = fetch(fetcher(LOOPBACK_ALLOWED, 2), url);

        // then
        assertThat(problem(outcome, url)).isEqualTo(url + " redirects to http://169.254.169.254/latest/meta-data/,"
                + " which is not public: 169.254.169.254 is a link-local address; give a URL on the public internet");
    }

    @Test
    void redirectsEndSomewhere() {
        String toFtp = server.url("/to-ftp.pdf");
        String loop = server.url("/loop.pdf");
        FileFetcher fetcher = fetcher(LOOPBACK_ALLOWED, 2);

        assertThat(problem(fetch(fetcher, toFtp), toFtp))
                .isEqualTo(toFtp + " redirects to ftp://files.test/a.pdf, which is not an http(s) URL");
        assertThat(problem(fetch(fetcher, loop), loop)).isEqualTo(loop + " redirects more than 5 times");
    }

    @Test
    void aFileOverTheLimitIsRefusedByItsLengthOrWhileStreaming() {
        String declared = server.url("/big.pdf");
        String chunked = server.url("/big-chunked.pdf");
        FileFetcher fetcher = fetcher(LOOPBACK_ALLOWED, 2);

        assertThat(problem(fetch(fetcher, declared), declared))
                .isEqualTo(declared + " is larger than the 1 MB limit (2 MB)");
        assertThat(problem(fetch(fetcher, chunked), chunked)).isEqualTo(chunked + " is larger than the 1 MB limit");
    }

    @Test
    void aPassingServerErrorIsRetried() {
        // when
        FetchOutcome outcome = fetch(fetcher(LOOPBACK_ALLOWED, 2), server.url("/flaky.pdf"));

        // then
        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, fetched -> keep(fetched.file()));
        assertThat(server.hits("/flaky.pdf")).isEqualTo(2);
    }

    @Test
    void aLastingServerErrorFailsAfterTheRetriesAndA404AtOnce() {
        String down = server.url("/down.pdf");
        String missing = server.url("/missing.pdf");
        FileFetcher fetcher = fetcher(LOOPBACK_ALLOWED, 2);

        assertThat(problem(fetch(fetcher, down), down)).isEqualTo(down + " answered HTTP 503 (3 attempts)");
        assertThat(server.hits("/down.pdf")).isEqualTo(3);
        assertThat(problem(fetch(fetcher, missing), missing)).isEqualTo(missing + " answered HTTP 404");
        assertThat(server.hits("/missing.pdf")).isEqualTo(1);
    }

    @Test
    void aBodyThatDoesNotArriveInTimeTimesOut() {
        String slow = server.url("/slow.pdf");

        assertThat(problem(fetch(fetcher(LOOPBACK_ALLOWED, 1), slow), slow))
                .isEqualTo(slow + " timed out after 0.8 s (2 attempts)");
    }

    @Test
    void anUnknownHostIsNotRetried() {
        String url = "http://no-such-host.invalid/a.pdf";

        assertThat(problem(fetch(fetcher(AddressPolicy.publicOnly(), 2), url), url))
                .isEqualTo(url + " could not be reached: unknown host");
    }

    /** Moves a delivered file out of the way: it belongs to the caller, the after-check looks for leftovers. */
    @Test
    void aConditionalFetchOfAnUnchangedFileIsAnsweredWithoutTheFile() {
        // given
        FileFetcher fetcher = fetcher(LOOPBACK_ALLOWED, 2);
        FetchOutcome first = fetch(fetcher, server.url("/tagged.pdf"));
        assertThat(first).isInstanceOf(FetchOutcome.Fetched.class);
        FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) first;
        keep(fetched.file());
        int bodies = server.bodies("/tagged.pdf");

        // when
        FetchOutcome again = fetcher.fetch(server.url("/moved-tagged.pdf"),
                Optional.of(new FileVersion(fetched.etag(), null))).await().atMost(Duration.ofSeconds(20));
        FetchOutcome otherVersion = fetcher.fetch(server.url("/tagged.pdf"),
                Optional.of(new FileVersion("\"older\"", null))).await().atMost(Duration.ofSeconds(20));

        // then
        assertThat(fetched.etag()).startsWith("\"");
        assertThat(again).isInstanceOf(FetchOutcome.NotModified.class);
        assertThat(otherVersion).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            assertThat(f.sha256()).isEqualTo(sha256(PDF));
            keep(f.file());
        });
        assertThat(server.bodies("/tagged.pdf")).isEqualTo(bodies + 1);
    }

    @Test
    void conditionalFetchesOneAfterAnotherKeepTheirConnectionsUsable() {
        // given
        FileFetcher fetcher = fetcher(LOOPBACK_ALLOWED, 0);
        FetchOutcome.Fetched first = (FetchOutcome.Fetched) fetch(fetcher, server.url("/tagged.pdf"));
        keep(first.file());
        Optional<FileVersion> version = Optional.of(new FileVersion(first.etag(), null));

        // when many orders ask whether it changed, 4 at a time, without retries
        List<FetchOutcome> outcomes = Multi.createFrom().range(0, 300)
                .onItem().transformToUni(i -> fetcher.fetch(server.url("/tagged.pdf"), version)).merge(4)
                .collect().asList().await().atMost(Duration.ofSeconds(60));

        // then each is answered 304 (none on a connection that a previous answer closed)
        assertThat(outcomes).hasSize(300).allSatisfy(o -> assertThat(o).isInstanceOf(FetchOutcome.NotModified.class));
    }

    @Test
    void aConditionalFetchIsCheckedAsAnyOther() {
        // given a URL we know a version of
        String url = server.url("/tagged.pdf");
        int before = server.hits("/tagged.pdf");

        // when it is not public
        FetchOutcome outcome = fetcher(AddressPolicy.publicOnly(), 2)
                .fetch(url, Optional.of(new FileVersion("\"v1\"", null))).await().atMost(Duration.ofSeconds(20));

        // then
        assertThat(outcome).isInstanceOf(FetchOutcome.NotPublic.class);
        assertThat(server.hits("/tagged.pdf")).isEqualTo(before);
    }

    static void keep(Path file) {
        try {
            Files.move(file, file.resolveSibling("kept-" + file.getFileName()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
