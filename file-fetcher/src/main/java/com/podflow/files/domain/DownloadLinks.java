package com.podflow.files.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links to the checked copies in the store: {@code <public-url>/files/v1/<sha256>?expires=<epoch
 * s>&sig=<signature>}, where the signature is the HMAC-SHA256 of {@code "<sha256>:<expires>"} under the first secret,
 * in base64url without padding. Any of the secrets verifies a link, so a new secret can be put first while links signed
 * with the old one still work until they expire (ADR 15). Comparison is in constant time.
 */
public final class DownloadLinks {
    /** The path under which the links are served; the SHA-256 follows. */
    public static final String PATH = "/files/v1/";
    /** The shortest secret accepted: an HMAC key guessed or brute-forced would open every stored file. */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String HMAC = "HmacSHA256";

    private final String publicUrl;
    private final List<byte[]> secrets;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param publicUrl the base URL facilities reach the service at (scheme, host, port, optional path)
     * @param secrets the signing secrets, the first one signs, every one verifies
     * @param ttl how long a link stays valid
     */
    public DownloadLinks(String publicUrl, List<String> secrets, Duration ttl, Clock clock) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one signing secret is needed");
        }
        for (String secret : secrets) {
            if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("a signing secret must have at least " + MIN_SECRET_LENGTH
                        + " characters (e.g. openssl rand -base64 32)");
            }
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the link lifetime must be positive, not " + ttl);
        }
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.secrets = secrets.stream().map(s -> s.strip().getBytes(StandardCharsets.UTF_8)).toList();
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A link and the instant it stops working. */
    public record Link(String url, Instant expiresAt) {}

    /** What a presented link is worth. */
    public enum Verdict {
        VALID, BAD_SIGNATURE, EXPIRED
    }

    /** A link to the stored copy of {@code sha256}, valid for the configured lifetime from now. */
    public Link link(String sha256) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return new Link(publicUrl + PATH + sha256 + "?expires=" + expires + "&sig="
                + signature(secrets.get(0), sha256, expires), Instant.ofEpochSecond(expires));
    }

    /**
     * Checks a presented link: the signature first (by any secret, in constant time), then the time. A malformed
     * parameter is a bad signature.
     */
    public Verdict verify(String sha256, String expires, String sig) {
        if (sha256 == null || expires == null || sig == null || !SHA256.matcher(sha256).matches()) {
            return Verdict.BAD_SIGNATURE;
        }
        long expiresAt;
        byte[] presented;
        try {
            expiresAt = Long.parseLong(expires);
            presented = Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return Verdict.BAD_SIGNATURE;
        }
        boolean signed = false;
        for (byte[] secret : secrets) {
            // every secret is tried, so the time taken does not tell which one matched
            signed |= MessageDigest.isEqual(mac(secret, sha256, expiresAt), presented);
        }
        if (!signed) {
            return Verdict.BAD_SIGNATURE;
        }
        return clock.instant().getEpochSecond() > expiresAt ? Verdict.EXPIRED : Verdict.VALID;
    }

    /** Seconds until a link that expires at {@code expires} stops working (0 when past). */
    public long secondsLeft(long expires) {
        return Math.max(0, expires - clock.instant().getEpochSecond());
    }

    /** The link lifetime. */
    public Duration ttl() {
        return ttl;
    }

    static String signature(byte[] secret, String sha256, long expires) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(secret, sha256, expires));
    }

    private static byte[] mac(byte[] secret, String sha256, long expires) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal((sha256 + ":" + expires).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
