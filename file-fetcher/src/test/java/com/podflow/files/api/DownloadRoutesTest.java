package com.podflow.files.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import com.podflow.files.domain.DownloadLinks;
import com.podflow.files.store.FileStore;
import com.podflow.files.testing.TestFiles;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * The download endpoint through real HTTP: a signed link serves the stored copy byte for byte (whole, a range, or
 * headers only); a link that is tampered with, expired or signed with another secret is 403, a signed link to a file
 * the store does not hold 404, each with a JSON error. The same test resources as the flow test (one Quarkus start).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaPostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "false"))
class DownloadRoutesTest {
    static final byte[] PDF = TestFiles.pdf(297, 210).pages(3).text("Download me").bytes();

    @Inject
    FileStore store;

    @Inject
    DownloadLinks links;

    @ConfigProperty(name = "files.download.secret")
    List<String> secrets;

    String sha256;

    @BeforeEach
    void storeTheFile() throws IOException {
        sha256 = sha256(PDF);
        Path part = store.newTemporaryFile();
        Files.write(part, PDF);
        store.put(part, sha256);
    }

    /** The path and query of a link: the test server's port is not the one in the configured public URL. */
    static String local(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    static Response get(String pathAndQuery) {
        return given().urlEncodingEnabled(false).get(pathAndQuery);
    }

    @Test
    void aSignedLinkServesTheStoredCopy() {
        // given
        DownloadLinks.Link link = links.link(sha256);

        // when
        Response response = get(local(link.url()));

        // then
        response.then().statusCode(200)
                .header("Content-Type", "application/pdf")
                .header("Content-Length", String.valueOf(PDF.length))
                .header("ETag", "\"" + sha256 + "\"")
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "attachment; filename=\"" + sha256 + ".pdf\"");
        assertThat(sha256(response.asByteArray())).isEqualTo(sha256);
        assertThat(Long.parseLong(response.header("Cache-Control").replace("private, max-age=", "")))
                .isBetween(Duration.ofDays(30).minusMinutes(5).toSeconds(), Duration.ofDays(30).toSeconds());
    }

    @Test
    void headGivesTheHeadersWithoutTheBody() {
        // when / then
        given().urlEncodingEnabled(false).head(local(links.link(sha256).url())).then().statusCode(200)
                .header("Content-Type", "application/pdf")
                .header("Content-Length", String.valueOf(PDF.length))
                .header("ETag", "\"" + sha256 + "\"")
                .body(emptyString());
    }

    @Test
    void aRangeServesThoseBytesOnly() {
        // given
        String url = local(links.link(sha256).url());

        // when
        Response middle = given().urlEncodingEnabled(false).header("Range", "bytes=100-199").get(url);
        Response tail = given().urlEncodingEnabled(false).header("Range", "bytes=-50").get(url);
        Response from = given().urlEncodingEnabled(false).header("Range", "bytes=" + (PDF.length - 10) + "-")
                .get(url);
        Response beyond = given().urlEncodingEnabled(false).header("Range", "bytes=" + PDF.length + "-").get(url);
        Response backwards = given().urlEncodingEnabled(false).header("Range", "bytes=20-10").get(url);
        Response otherVersion = given().urlEncodingEnabled(false).header("Range", "bytes=0-9")
                .header("If-Range", "\"something-else\"").get(url);

        // then
        middle.then().statusCode(206).header("Content-Range", "bytes 100-199/" + PDF.length)
                .header("Content-Length", "100");
        assertThat(middle.asByteArray()).isEqualTo(Arrays.copyOfRange(PDF, 100, 200));
        tail.then().statusCode(206).header("Content-Range",
                "bytes " + (PDF.length - 50) + "-" + (PDF.length - 1) + "/" + PDF.length);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(PDF, PDF.length - 50, PDF.length));
        from.then().statusCode(206);
        assertThat(from.asByteArray()).isEqualTo(Arrays.copyOfRange(PDF, PDF.length - 10, PDF.length));
        beyond.then().statusCode(416).header("Content-Range", "bytes */" + PDF.length);
        backwards.then().statusCode(200);
        assertThat(backwards.asByteArray()).isEqualTo(PDF);
        otherVersion.then().statusCode(200);
        assertThat(otherVersion.asByteArray()).isEqualTo(PDF);
    }

    @Test
    void aCopyTheClientAlreadyHasIsNotSentAgain() {
        given().urlEncodingEnabled(false).header("If-None-Match", "\"" + sha256 + "\"")
                .get(local(links.link(sha256).url())).then().statusCode(304);
    }

    @Test
    void aTamperedLinkIsForbidden() {
        // given
        String url = local(links.link(sha256).url());
        String sig = url.substring(url.indexOf("&sig=") + 5);
        String otherSig = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        long expires = Long.parseLong(url.replaceAll(".*expires=(\\d+).*", "$1"));

        // when / then
        for (String tampered : List.of(url.replace(sig, otherSig),
                url.replace("expires=" + expires, "expires=" + (expires + 86_400)),
                "/files/v1/" + sha256, "/files/v1/" + sha256 + "?expires=" + expires,
                "/files/v1/" + sha256 + "?expires=soon&sig=" + sig)) {
            get(tampered).then().statusCode(403).contentType("application/json")
                    .body("code", equalTo(403))
                    .body("message", containsString("signature does not match"));
        }
    }

    @Test
    void anExpiredLinkIsForbiddenAndSaysWhen() {
        // given a link signed with our secret 31 days ago
        Instant past = Instant.now().minus(Duration.ofDays(31));
        DownloadLinks then = new DownloadLinks("http://localhost", secrets, Duration.ofDays(30),
                Clock.fixed(past, ZoneOffset.UTC));
        DownloadLinks.Link link = then.link(sha256);

        // when / then
        get(local(link.url())).then().statusCode(403).contentType("application/json")
                .body("message", containsString("expired at " + link.expiresAt()));
    }

    @Test
    void aLinkSignedWithAnotherSecretIsForbidden() {
        // given
        DownloadLinks other = new DownloadLinks("http://localhost", List.of("another-secret-another-secret-00000"),
                Duration.ofDays(1), Clock.systemUTC());

        // when / then
        get(local(other.link(sha256).url())).then().statusCode(403);
    }

    @Test
    void aSignedLinkToAFileNotStoredIsNotFound() {
        // given
        String unknown = sha256("never stored".getBytes());

        // when / then
        get(local(links.link(unknown).url())).then().statusCode(404).contentType("application/json")
                .body("code", equalTo(404))
                .body("message", equalTo("no file with SHA-256 " + unknown + " is stored here"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
