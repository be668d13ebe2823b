package com.podflow.notification.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.events.order.Order;
import com.podflow.events.order.ShippingAddress;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.notification.SmtpTestResource;

/** E-mails on configured statuses, sent over real SMTP to an embedded GreenMail server. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
class EmailTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    static EventEnvelope publish(String clientId, String orderId, long sequence, FulfillmentStatus status,
            String recipient) {
        var address = new ShippingAddress("SE", "Ada", "L", null, "17", null, "City", "11111", null, recipient, null,
                null, null, null, null);
        var order = new Order("ref-" + orderId, "order", null, "EUR", null, null, "normal", null, address, List.of(),
                null, List.of());
        boolean failed = status == FulfillmentStatus.FAILED;
        var change = new OrderStatusChanged(orderId, clientId, "ref-" + orderId, sequence, null, status, "test", 1,
                failed ? "missing_required_field" : null, failed ? "shippingAddress.country is required" : null, order,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        EventEnvelope envelope = EventEnvelope.wrap(change, "/order-ledger", clientId, 1, null);
        kafka().send(Topics.ORDERS_STATUS, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    static MimeMessage[] mailsTo(String address) {
        return java.util.Arrays.stream(SmtpTestResource.smtp().getReceivedMessages()).filter(m -> {
            try {
                return java.util.Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    @Test
    void aFailedOrderMailsTheClientAndTheRecipientWithTheReasonAndWhatToDo() throws Exception {
        // given
        String clientId = "client-" + UUID.randomUUID();
        String ops = "ops-" + UUID.randomUUID() + "@client.test";
        String recipient = "buyer-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON)
                .body(Map.of("statuses", List.of("failed", "shipped"), "clientAddress", ops, "toRecipient", true))
                .put("/internal/v1/clients/{clientId}/email-settings", clientId)
                .then().statusCode(200);
        String orderId = UUID.randomUUID().toString();

        // when
        publish(clientId, orderId, 1, FulfillmentStatus.FAILED, recipient);

        // then
        await().atMost(WAIT).until(() -> mailsTo(ops).length == 1 && mailsTo(recipient).length == 1);
        MimeMessage mail = mailsTo(ops)[0];
        assertThat(mail.getSubject()).isEqualTo("Order ref-" + orderId + " failed: missing_required_field");
        assertThat(mail.getFrom()[0].toString()).contains("notifications@podflow.local");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("ref-" + orderId).contains("shippingAddress.country is required")
                .contains("What to do");
        assertThat(mailsTo(recipient)[0].getSubject()).isEqualTo(mail.getSubject());
        // and the mails are in the delivery log
        await().atMost(WAIT).until(() -> given().get("/internal/v1/clients/{c}/postbacks?channel=email", clientId)
                .then().extract().jsonPath().getList("outcome").equals(List.of("delivered", "delivered")));
    }

    @Test
    void aShippedOrderMailsTheRecipientWithTheTrackingNoteAndOtherStatusesMailNobody() throws Exception {
        // given
        String clientId = "client-" + UUID.randomUUID();
        String recipient = "buyer-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON)
                .body(Map.of("statuses", List.of("shipped"), "toRecipient", true))
                .put("/internal/v1/clients/{clientId}/email-settings", clientId)
                .then().statusCode(200);
        String orderId = UUID.randomUUID().toString();

        // when
        publish(clientId, orderId, 1, FulfillmentStatus.PASSED, recipient);
        publish(clientId, orderId, 2, FulfillmentStatus.SHIPPED, recipient);

        // then
        await().atMost(WAIT).until(() -> mailsTo(recipient).length == 1);
        MimeMessage mail = mailsTo(recipient)[0];
        assertThat(mail.getSubject()).isEqualTo("Order ref-" + orderId + " has shipped");
        assertThat(GreenMailUtil.getBody(mail)).contains("has shipped").contains("tracking link");
        given().get("/internal/v1/clients/{c}/email-settings", clientId).then().statusCode(200);
    }
}
