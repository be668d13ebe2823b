package com.podflow.files.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.podflow.files.domain.DownloadLinks.Verdict;

class DownloadLinksTest {
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String OLD = "old-secret-old-secret-old-secret-0";
    static final String NEW = "new-secret-new-secret-new-secret-1";
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    static DownloadLinks links(Instant now, String... secrets) {
        return new DownloadLinks("https://files.example.com/", List.of(secrets), Duration.ofDays(30),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        for (String part : URI.create(url).getRawQuery().split("&")) {
            query.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        return query;
    }

    @Test
    void aLinkNamesTheFileAndItsExpiryAndIsValidUntilThen() {
        // when
        DownloadLinks.Link link = links(NOW, NEW).link(SHA);

        // then
        assertThat(link.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(link.url()).startsWith("https://files.example.com/files/v1/" + SHA + "?expires="
                + link.expiresAt().getEpochSecond() + "&sig=");
        Map<String, String> q = query(link.url());
        assertThat(q.get("sig")).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, base64url, no padding
        assertThat(links(NOW, NEW).verify(SHA, q.get("expires"), q.get("sig"))).isEqualTo(Verdict.VALID);
        assertThat(links(link.expiresAt(), NEW).verify(SHA, q.get("expires"), q.get("sig"))).isEqualTo(Verdict.VALID);
        assertThat(links(link.expiresAt().plusSeconds(1), NEW).verify(SHA, q.get("expires"), q.get("sig")))
                .isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anyChangeToTheLinkBreaksTheSignature() {
        // given
        DownloadLinks links = links(NOW, NEW);
        Map<String, String> q = query(links.link(SHA).url());
        String otherSha = "0".repeat(64);
        String sig = q.get("sig");
        String tampered = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);

        // when / then
        assertThat(links.verify(otherSha, q.get("expires"), sig)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.verify(SHA, String.valueOf(Long.parseLong(q.get("expires")) + 86400), sig))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.verify(SHA, q.get("expires"), tampered)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.verify(SHA, q.get("expires"), "")).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.verify(SHA, q.get("expires"), "not base64!")).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.verify(SHA, "soon", sig)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.verify(SHA, null, sig)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links.verify(SHA.toUpperCase(), q.get("expires"), sig)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(links(NOW, OLD).verify(SHA, q.get("expires"), sig)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void secretsRotate_theFirstSignsEveryOneVerifies() {
        // given a link signed before the rotation
        Map<String, String> before = query(links(NOW, OLD).link(SHA).url());

        // when the new secret is put first
        DownloadLinks rotated = links(NOW, NEW, OLD);

        // then old links still work, new links are signed with the new secret only
        assertThat(rotated.verify(SHA, before.get("expires"), before.get("sig"))).isEqualTo(Verdict.VALID);
        Map<String, String> after = query(rotated.link(SHA).url());
        assertThat(links(NOW, NEW).verify(SHA, after.get("expires"), after.get("sig"))).isEqualTo(Verdict.VALID);
        assertThat(links(NOW, OLD).verify(SHA, after.get("expires"), after.get("sig")))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void theSignatureIsAnHmacOfTheChecksumAndExpiry() {
        // given the documented form, computed independently
        long expires = 1_800_000_000L;

        // when
        String sig = DownloadLinks.signature(NEW.getBytes(), SHA, expires);

        // then (HMAC-SHA256 of "<sha256>:<expires>", base64url without padding)
        assertThat(sig).isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(NEW,
                SHA + ":" + expires)));
    }

    @Test
    void weakOrMissingSecretsAndNonPositiveLifetimesAreRefused() {
        assertThatThrownBy(() -> links(NOW)).hasMessageContaining("at least one signing secret");
        assertThatThrownBy(() -> links(NOW, "short")).hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> new DownloadLinks("http://x", List.of(NEW), Duration.ZERO, Clock.systemUTC()))
                .hasMessageContaining("must be positive");
    }

    private static byte[] hmac(String key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(), "HmacSHA256"));
            return mac.doFinal(text.getBytes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
