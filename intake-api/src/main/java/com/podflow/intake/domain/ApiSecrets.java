package com.podflow.intake.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key secrets: generated with 256 bits of randomness, stored as a salted SHA-256 (a slow password hash buys
 * nothing against secrets of that strength and would cost every request), compared in constant time.
 */
public final class ApiSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private ApiSecrets() {
    }

    /** A new key id (public, names the key) and secret (shown once). */
    public record NewKey(String keyId, String secret) {
        /** The value of the X-API-KEY header. */
        public String header() {
            return keyId + ":" + secret;
        }
    }

    public static NewKey generate() {
        return new NewKey("pk_" + random(12), "sk_" + random(32));
    }

    public static byte[] salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    public static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    public static boolean matches(byte[] salt, byte[] storedHash, String presentedSecret) {
        return MessageDigest.isEqual(storedHash, hash(salt, presentedSecret));
    }

    /** Splits an X-API-KEY value {@code key:secret}; null when it does not have that form. */
    public static NewKey parseHeader(String header) {
        if (header == null) {
            return null;
        }
        int colon = header.indexOf(':');
        if (colon <= 0 || colon == header.length() - 1) {
            return null;
        }
        return new NewKey(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return URL.encodeToString(b);
    }
}
