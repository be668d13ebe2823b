package com.podflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"url\":\"https://x.example/h\",\"secret\":\"whsec_abcdefghij\"}`"
                    + "|`{\"url\":\"https://x.example/h\",\"secret\":\"[redacted]\"}`",
            "`{\"apiKey\": \"pk_123:sk_456\"}`|`{\"apiKey\": \"[redacted]\"}`",
            "`{\"signingSecret\":\"a\\\"b\"}`|`{\"signingSecret\":\"[redacted]\"}`",
            "`{\"Password\" :\"hunter2\", \"name\":\"x\"}`|`{\"Password\" :\"[redacted]\", \"name\":\"x\"}`",
            "`{\"access_token\":\"abc\"}`|`{\"access_token\":\"[redacted]\"}`",
            "`{\"Authorization\":\"Bearer x\"}`|`{\"Authorization\":\"[redacted]\"}`",
            // cut off in the middle of the secret: the rest is gone too
            "`{\"secret\":\"whsec_abc`|`{\"secret\":\"[redacted]\"`",
            // a platform secret in any other place
            "`{\"note\":\"my key is pk_1:sk_abcdefghijkl\"}`|`{\"note\":\"my key is pk_1:sk_[redacted]\"}`",
            "`not json whsec_QUJDREVGR0hJSktMTU5P stays`|`not json whsec_[redacted] stays`",
    })
    void secretsAreReplaced(String body, String expected) {
        assertThat(Redaction.redact(body)).isEqualTo(expected);
    }

    @Test
    void anOrderIsKeptByteForByte() {
        String order = "{ \"orderReferenceId\": \"ref-1\",\n  \"items\": [ {\"itemReferenceId\": \"task\", \"quantity\": 2,"
                + " \"metadata\": [{\"key\": \"tokenized\", \"value\": \"no\"}]} ],\n  \"shippingAddress\":"
                + " {\"email\": \"me@example.com\", \"skill\": \"sk_\"} }";

        assertThat(Redaction.redact(order)).isEqualTo(order);
    }

    @Test
    void aHugeBodyIsRedactedWithoutRunningOutOfStack() {
        String big = "{\"secret\":\"" + "a".repeat(2_000_000) + "\",\"note\":\"" + "b\\\"".repeat(100_000) + "\"}";

        assertThat(Redaction.redact(big)).startsWith("{\"secret\":\"[redacted]\",\"note\":\"b");
    }
}
