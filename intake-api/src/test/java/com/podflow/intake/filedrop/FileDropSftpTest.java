package com.podflow.intake.filedrop;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.podflow.events.EventCodec;
import com.podflow.events.OrderReceived;
import com.podflow.events.Topics;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.intake.api.LedgerStub;

/** The suite's SFTP server with a real SFTP client (Apache MINA SSHD's), the scheduled scanner, PostgreSQL, Kafka. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class FileDropSftpTest {
    @Inject
    FileDropSftpServer server;

    @ConfigProperty(name = "filedrop.dir")
    Path root;

    @Test
    void aClientUploadsAJsonFileOverSftpAndItsOrderIsReceivedWithChannelFile() throws Exception {
        String clientId = newClient();
        String other = newClient();
        given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON)
                .body("{\"password\": \"correct horse battery\"}")
                .put("/admin/v1/clients/" + clientId + "/filedrop").then().statusCode(204);
        given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON).body("{\"password\": \"short\"}")
                .put("/admin/v1/clients/" + clientId + "/filedrop").then().statusCode(400);
        given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON)
                .body("{\"password\": \"correct horse battery\"}")
                .put("/admin/v1/clients/no-such-client/filedrop").then().statusCode(404);
        Files.createDirectories(root.resolve(other).resolve("inbox"));
        String reference = "sftp-" + UUID.randomUUID();

        try (SshClient ssh = SshClient.setUpDefaultClient()) {
            ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            ssh.start();
            // a wrong password is refused
            try (ClientSession session = ssh.connect(clientId, "127.0.0.1", server.port()).verify(10_000)
                    .getSession()) {
                session.addPasswordIdentity("wrong password!");
                assertThatThrownBy(() -> session.auth().verify(10_000)).isInstanceOf(IOException.class);
            }
            try (ClientSession session = ssh.connect(clientId, "127.0.0.1", server.port()).verify(10_000)
                    .getSession()) {
                session.addPasswordIdentity("correct horse battery");
                session.auth().verify(10_000);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    // when
                    try (OutputStream out = sftp.write("/inbox/order.json")) {
                        out.write(order(reference).getBytes(StandardCharsets.UTF_8));
                    }
                    try (OutputStream out = sftp.write("/inbox/order.json.done")) {
                        out.write(new byte[0]);
                    }
                    // the client's root is its own folder: the other client's is out of reach
                    assertThatThrownBy(() -> sftp.write("/../" + other + "/inbox/evil.json").close())
                            .isInstanceOf(IOException.class);
                    assertThatThrownBy(() -> sftp.write("../" + other + "/inbox/evil.json").close())
                            .isInstanceOf(IOException.class);
                    assertThat(root.resolve(other).resolve("inbox").resolve("evil.json")).doesNotExist();

                    // then: the scheduled scan takes it; the client sees it archived with its report
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            root.resolve(clientId).resolve("archive").resolve("order.json.report.json")).exists());
                    try (InputStream in = sftp.read("/archive/order.json.report.json")) {
                        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(reference);
                    }
                }
            }
        }
        OrderReceived received = (OrderReceived) EventCodec.decode(kafka().await(Topics.ORDERS_INTAKE,
                r -> r.value().contains(reference), 1, Duration.ofSeconds(30)).get(0).value()).data();
        assertThat(received.channel()).isEqualTo("file");
        assertThat(received.clientId()).isEqualTo(clientId);
    }

    private static String newClient() {
        return given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON)
                .body("{\"name\":\"SFTP " + UUID.randomUUID() + "\"}")
                .post("/admin/v1/clients").then().statusCode(201).extract().path("id");
    }

    private static String order(String reference) {
        try (InputStream in = FileDropSftpTest.class.getResourceAsStream("/seed-order.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"orderReferenceId\": \"test\"", "\"orderReferenceId\": \"" + reference + "\"")
                    .replace("\"preventDuplicate\": true, ", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
