package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretBoxTest {
    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aSecretIsStoredEncryptedAndReadBack() {
        // given
        SecretBox box = new SecretBox(KEY);

        // when
        String stored = box.encrypt("whsec_abc");

        // then
        assertThat(stored).startsWith("v1:").doesNotContain("whsec_abc");
        assertThat(box.encrypt("whsec_abc")).isNotEqualTo(stored);
        assertThat(box.decrypt(stored)).isEqualTo("whsec_abc");
    }

    @Test
    void anotherKeyCannotReadIt() {
        String stored = new SecretBox(KEY).encrypt("whsec_abc");
        byte[] other = new byte[32];
        other[0] = 1;

        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(other)).decrypt(stored))
                .hasMessageContaining("cannot decrypt");
    }

    @Test
    void aKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
