package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PostbackUrlTest {
    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hooks/orders", "http://127.0.0.1:8080/x?y=1", "HTTPS://Example.com"})
    void absoluteHttpUrlsAreAccepted(String text) {
        assertThat(PostbackUrl.parse(text).value()).isEqualTo(text);
    }

    @Test
    void surroundingBlanksAreDropped() {
        assertThat(PostbackUrl.parse("  https://example.com/x \n").value()).isEqualTo("https://example.com/x");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "ftp://example.com/x", "example.com/x", "/hooks", "https://", "mailto:a@b.c",
            "http://exa mple.com", "https:///path-only"})
    void anythingElseIsRefusedNamingTheField(String text) {
        assertThatThrownBy(() -> PostbackUrl.parse(text))
                .isInstanceOf(InvalidPostbackUrlException.class)
                .hasMessageStartingWith("url must be an absolute http(s) URL");
    }

    @Test
    void overlongUrlsAreRefused() {
        String text = "https://example.com/" + "a".repeat(PostbackUrl.MAX_LENGTH);

        assertThatThrownBy(() -> PostbackUrl.parse(text)).isInstanceOf(InvalidPostbackUrlException.class);
    }
}
