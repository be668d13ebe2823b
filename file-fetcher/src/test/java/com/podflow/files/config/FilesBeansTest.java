package com.podflow.files.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.podflow.files.domain.DownloadLinks;

/** Outside dev and test the service must not start without a signing secret, and says what to set. */
class FilesBeansTest {

    static FilesConfig config(Optional<List<String>> secret) {
        FilesConfig.Download download = (FilesConfig.Download) Proxy.newProxyInstance(
                FilesBeansTest.class.getClassLoader(), new Class<?>[]{FilesConfig.Download.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "secret" -> secret;
                    case "ttl" -> Duration.ofDays(30);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (FilesConfig) Proxy.newProxyInstance(FilesBeansTest.class.getClassLoader(),
                new Class<?>[]{FilesConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "download" -> download;
                    case "publicUrl" -> "https://files.example.com";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void withoutASecretTheServiceDoesNotStartAndSaysWhatToSet() {
        for (Optional<List<String>> missing : List.of(Optional.<List<String>>empty(), Optional.of(List.of(" ")))) {
            assertThatThrownBy(() -> new FilesBeans().downloadLinks(config(missing)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("files.download.secret (environment FILES_DOWNLOAD_SECRET) is not set")
                    .hasMessageContaining("at least 32 characters");
        }
    }

    @Test
    void aWeakSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> new FilesBeans().downloadLinks(config(Optional.of(List.of("password")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("files.download.*: a signing secret must have at least 32 characters (e.g. openssl"
                        + " rand -base64 32)");
    }

    @Test
    void severalSecretsRotate() {
        // when
        DownloadLinks links = new FilesBeans().downloadLinks(config(Optional.of(List.of(
                "new-secret-new-secret-new-secret-1", "old-secret-old-secret-old-secret-0"))));

        // then
        assertThat(links.link("0".repeat(64)).url()).startsWith("https://files.example.com/files/v1/");
    }
}
