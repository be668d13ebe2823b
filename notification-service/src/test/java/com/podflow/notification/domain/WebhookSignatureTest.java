package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void theStandardWebhooksExampleSignsAsTheSpecSays() {
        // given the example of the Standard Webhooks reference libraries
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

        // when
        String signature = WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");

        // then
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void duringARotationBothSecretsSign() {
        // given
        String current = WebhookSignature.newSecret();
        String previous = WebhookSignature.newSecret();

        // when
        String header = WebhookSignature.header(List.of(current, previous), "id", 1, "{}");

        // then
        assertThat(header.split(" ")).containsExactly(WebhookSignature.sign(current, "id", 1, "{}"),
                WebhookSignature.sign(previous, "id", 1, "{}"));
    }

    @Test
    void newSecretsAreWhsecPrefixed32RandomBytes() {
        String a = WebhookSignature.newSecret();

        assertThat(a).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(a);
    }
}
