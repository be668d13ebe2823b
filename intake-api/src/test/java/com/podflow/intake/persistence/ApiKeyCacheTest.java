package com.podflow.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ApiKeyCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ApiKeyCache cache = new ApiKeyCache(Duration.ofSeconds(5), 3, now::get);

    private static ApiKeyCache.StoredKey key(String clientId) {
        return new ApiKeyCache.StoredKey(clientId, new byte[]{1}, new byte[]{2}, null);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aLoadedKeyIsServedUntilItsTimeToLiveHasPassed() {
        // given
        cache.put("pk_a", key("c1"), cache.startLoad());

        // when 4.9 s later, then still served
        advance(Duration.ofMillis(4_900));
        assertThat(cache.get("pk_a")).map(ApiKeyCache.StoredKey::clientId).contains("c1");

        // when 5 s after the load began, then gone: the next request reads the database
        advance(Duration.ofMillis(100));
        assertThat(cache.get("pk_a")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theTimeToLiveCountsFromTheStartOfTheRead() {
        // given a read that took 3 s
        ApiKeyCache.Load load = cache.startLoad();
        advance(Duration.ofSeconds(3));
        cache.put("pk_a", key("c1"), load);

        // when 2 more seconds pass, then it has expired
        advance(Duration.ofSeconds(2));
        assertThat(cache.get("pk_a")).isEmpty();
    }

    @Test
    void aRevokedKeyIsForgottenAtOnce() {
        // given
        cache.put("pk_a", key("c1"), cache.startLoad());
        cache.put("pk_b", key("c1"), cache.startLoad());

        // when
        cache.invalidate("pk_a");

        // then
        assertThat(cache.get("pk_a")).isEmpty();
        assertThat(cache.get("pk_b")).isPresent();
    }

    @Test
    void aReadThatBeganBeforeARevocationIsNotKept() {
        // given a read of the key's row, still unrevoked, under way
        ApiKeyCache.Load load = cache.startLoad();

        // when the key is revoked meanwhile and the read then answers with the old row
        cache.invalidate("pk_a");
        cache.put("pk_a", key("c1"), load);

        // then the old row is not served to the next request
        assertThat(cache.get("pk_a")).isEmpty();
    }

    @Test
    void aChangedClientForgetsEveryKeyOfThatClientOnly() {
        // given
        cache.put("pk_a", key("c1"), cache.startLoad());
        cache.put("pk_b", key("c1"), cache.startLoad());
        cache.put("pk_c", key("c2"), cache.startLoad());

        // when its rate limit changes
        cache.invalidateClient("c1");

        // then
        assertThat(cache.get("pk_a")).isEmpty();
        assertThat(cache.get("pk_b")).isEmpty();
        assertThat(cache.get("pk_c")).isPresent();
    }

    @Test
    void theCacheStaysBounded() {
        // given a full cache
        cache.put("pk_a", key("c1"), cache.startLoad());
        cache.put("pk_b", key("c1"), cache.startLoad());
        cache.put("pk_c", key("c1"), cache.startLoad());

        // when one more key is loaded
        cache.put("pk_d", key("c1"), cache.startLoad());

        // then it starts over rather than grow
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("pk_d")).isPresent();
    }

    @Test
    void aTimeToLiveOfZeroKeepsNothing() {
        ApiKeyCache off = new ApiKeyCache(Duration.ZERO, 10, now::get);
        off.put("pk_a", key("c1"), off.startLoad());
        assertThat(off.get("pk_a")).isEmpty();
    }
}
