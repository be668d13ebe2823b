package com.podflow.files.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.podflow.files.inspect.FileFacts;
import com.podflow.files.inspect.FileInspector;

/** The bounds of the memory of files already seen, and that the same bytes are read once. */
class KnownFilesTest {
    static final FileFacts FACTS = new FileFacts(FileInspector.Type.PNG, null, 10, 10, null, null, null, null, null,
            null, null);

    @Test
    void theLeastRecentlyUsedEntryGoesFirstWhenThereAreTooMany() {
        // given
        BoundedCache<String, String> cache = new BoundedCache<>(2, 1000, (k, v) -> 10);
        cache.put("a", "1");
        cache.put("b", "2");
        cache.get("a");

        // when
        cache.put("c", "3");

        // then
        assertThat(cache.get("b")).isNull();
        assertThat(List.of(cache.get("a"), cache.get("c"))).containsExactly("1", "3");
        assertThat(cache.bytes()).isEqualTo(20);
    }

    @Test
    void entriesGoWhenTheirBytesPassTheBoundAndOneTooHeavyIsNotKept() {
        // given
        BoundedCache<String, String> cache = new BoundedCache<>(100, 100, (k, v) -> v.length());
        cache.put("a", "x".repeat(40));
        cache.put("b", "x".repeat(40));

        // when
        cache.put("c", "x".repeat(40));
        cache.put("huge", "x".repeat(101));

        // then
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("huge")).isNull();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(80);
    }

    @Test
    void replacingAnEntryCountsItsBytesOnce() {
        // given
        BoundedCache<String, String> cache = new BoundedCache<>(10, 100, (k, v) -> v.length());

        // when
        cache.put("a", "xx");
        cache.put("a", "xxx");

        // then
        assertThat(cache.bytes()).isEqualTo(3);
    }

    @Test
    void aUrlWithoutValidatorsIsForgotten() {
        // given
        KnownFiles known = new KnownFiles(10, 10_000);
        known.fetched("http://files.test/a.pdf", "\"v1\"", null, "ab".repeat(32), 10);

        // when
        known.fetched("http://files.test/a.pdf", null, null, "cd".repeat(32), 10);

        // then
        assertThat(known.version("http://files.test/a.pdf")).isEmpty();
    }

    @Test
    void turnedOffItRemembersNothing() throws Exception {
        // given
        KnownFiles known = KnownFiles.off();

        // when
        known.fetched("http://files.test/a.pdf", "\"v1\"", null, "ab".repeat(32), 10);
        known.facts("ab".repeat(32), () -> FACTS);
        known.facts("ab".repeat(32), () -> FACTS);

        // then
        assertThat(known.version("http://files.test/a.pdf")).isEmpty();
        assertThat(known.factsRead()).isEqualTo(2);
    }

    @Test
    void ordersBringingTheSameBytesAtOnceWaitForOneReading() throws Exception {
        // given a reading that holds until the second order asks too
        KnownFiles known = new KnownFiles(10, 10_000);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String sha256 = "ef".repeat(32);
        CompletableFuture<FileFacts> first = CompletableFuture.supplyAsync(() -> {
            try {
                return known.facts(sha256, () -> {
                    started.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return FACTS;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // when
        CompletableFuture<FileFacts> second = CompletableFuture.supplyAsync(() -> {
            try {
                return known.facts(sha256, () -> FACTS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        release.countDown();

        // then
        assertThat(first.get(10, TimeUnit.SECONDS)).isSameAs(FACTS);
        assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(FACTS);
        assertThat(known.factsRead()).isEqualTo(1);
    }
}
