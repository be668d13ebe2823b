package com.podflow.validation.messaging;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.Redrives;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Topics;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.ShippingAddress;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * The validation service on a real broker and database: OrderReceived in, one ValidationPassed/Failed per validator
 * out, poison to the DLQ.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class ValidationFlowTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String CLIENT_ID = "client-" + UUID.randomUUID();
    static final String SEED_PRODUCT = "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor";

    static Order order(String country) {
        var address = new ShippingAddress(country, "Ada", "Lovelace", null, "Street 1", null, "Stockholm", "11111",
                null, "ada@example.com", "+46 8 123 456 78", null, null, null, null);
        var item = new OrderItem("item-1", SEED_PRODUCT, null, null, 1, null,
                List.of(new OrderFile("default", "https://files.example/a.pdf", null)), null, null);
        return new Order("ref-" + UUID.randomUUID(), "order", null, "EUR", null, null, "normal", null, address,
                List.of(item), null, null);
    }

    static EventEnvelope send(OrderEvent event, Integer attempt) {
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test", CLIENT_ID, attempt, null);
        kafka().send(Topics.ORDERS_INTAKE, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    static EventEnvelope sendOrder(String orderId, int attempt, Order order) {
        return send(new OrderReceived(orderId, CLIENT_ID, attempt, "api", order, Instant.now()), attempt);
    }

    static List<ConsumerRecord<String, String>> results(String orderId, String validator, int count) {
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_VALIDATION,
                r -> orderId.equals(r.key()) && validator.equals(validatorOf(r)), count, WAIT);
        assertThat(records).as("%s results of order %s", validator, orderId).hasSize(count);
        return records;
    }

    static ConsumerRecord<String, String> result(String orderId, String validator) {
        return results(orderId, validator, 1).get(0);
    }

    static String validatorOf(ConsumerRecord<String, String> record) {
        OrderEvent event = EventCodec.decode(record.value()).data();
        if (event instanceof ValidationPassed passed) {
            return passed.validator();
        }
        return event instanceof ValidationFailed failed ? failed.validator() : null;
    }

    @Test
    void aCompleteOrderPasses() {
        // given
        String orderId = UUID.randomUUID().toString();

        // when
        EventEnvelope in = sendOrder(orderId, 1, order("SE"));

        // then
        ConsumerRecord<String, String> record = result(orderId, Validators.DATA);
        EventEnvelope out = EventCodec.decode(record.value());
        assertThat(out.data()).isInstanceOfSatisfying(ValidationPassed.class, passed -> {
            assertThat(passed.validator()).isEqualTo(Validators.DATA);
            assertThat(passed.attempt()).isEqualTo(1);
        });
        assertThat(out.id()).isEqualTo(EventEnvelope.derivedId(in.id(), Validators.DATA));
        assertThat(out.causationId()).isEqualTo(in.id());
        assertThat(out.source()).isEqualTo("/validation-service");
        assertThat(out.clientId()).isEqualTo(CLIENT_ID);
        assertThat(out.attempt()).isEqualTo(1);
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo(EventCodec.CONTENT_TYPE);
    }

    @Test
    void anOrderWithoutCountryFailsWithTheFinding() {
        // given
        String orderId = UUID.randomUUID().toString();

        // when
        EventEnvelope in = sendOrder(orderId, 2, order(null));

        // then
        EventEnvelope out = EventCodec.decode(result(orderId, Validators.DATA).value());
        assertThat(out.data()).isInstanceOfSatisfying(ValidationFailed.class, failed -> {
            assertThat(failed.validator()).isEqualTo(Validators.DATA);
            assertThat(failed.attempt()).isEqualTo(2);
            assertThat(failed.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(RefusalCodes.MISSING_REQUIRED_FIELD);
                assertThat(f.field()).isEqualTo("shippingAddress.country");
                assertThat(f.message()).isEqualTo("shippingAddress.country is required");
            });
        });
        assertThat(out.id()).isEqualTo(EventEnvelope.derivedId(in.id(), Validators.DATA));
        assertThat(out.causationId()).isEqualTo(in.id());
        assertThat(out.attempt()).isEqualTo(2);
    }

    @Test
    void orderFormatRulesComeFromTheContractsConstraintsWithTheirCodes() {
        // given an order from a channel that does not check formats (e.g. a file drop): every field at fault at once
        String orderId = UUID.randomUUID().toString();
        Order good = order("SE");
        var a = good.shippingAddress();
        var address = new ShippingAddress("SE", a.firstName(), a.lastName(), a.companyName(), a.addressLine1(),
                a.addressLine2(), a.city(), a.postCode(), a.state(), "not-an-email", "call me", null, null, null,
                null);
        Order bad = new Order(good.orderReferenceId(), good.orderType(), null, "euro", null, null,
                good.shipmentMethodUid(), null, address, good.items(), null, null);

        // when
        sendOrder(orderId, 1, bad);

        // then
        EventEnvelope out = EventCodec.decode(result(orderId, Validators.DATA).value());
        assertThat(out.data()).isInstanceOfSatisfying(ValidationFailed.class, failed -> assertThat(failed.findings())
                .extracting(Finding::code, Finding::field)
                .containsExactly(tuple(RefusalCodes.INVALID_FIELD, "currency"),
                        tuple(RefusalCodes.INVALID_EMAIL, "shippingAddress.email"),
                        tuple(RefusalCodes.INVALID_PHONE, "shippingAddress.phone")));
    }

    @Test
    void aRedeliveredOrderGivesTheSameResultId() {
        // given
        String orderId = UUID.randomUUID().toString();
        EventEnvelope in = sendOrder(orderId, 1, order("SE"));

        // when the same intake event arrives again
        kafka().send(Topics.ORDERS_INTAKE, in.key(), EventCodec.encode(in));

        // then
        for (String validator : List.of(Validators.DATA, Validators.PRODUCT, Validators.RULES)) {
            assertThat(results(orderId, validator, 2)).extracting(r -> EventCodec.decode(r.value()).id())
                    .containsOnly(EventEnvelope.derivedId(in.id(), validator));
        }
    }

    @Test
    void aRedrivenOrderRunsOnlyTheValidatorItIsAddressedTo() {
        // given an order re-driven to product (ADR 0029), then one re-driven to file-fetcher's files
        String orderId = UUID.randomUUID().toString();
        var received = new OrderReceived(orderId, CLIENT_ID, 1, "api", order("SE"), Instant.now());
        EventEnvelope toProduct = EventEnvelope.withId(Redrives.eventId(orderId, 1, Validators.PRODUCT), received,
                Redrives.source(Validators.PRODUCT), CLIENT_ID, 1, null);
        EventEnvelope toFiles = EventEnvelope.withId(Redrives.eventId(orderId, 1, Validators.FILES), received,
                Redrives.source(Validators.FILES), CLIENT_ID, 1, null);

        // when
        kafka().send(Topics.ORDERS_INTAKE, toFiles.key(), EventCodec.encode(toFiles));
        kafka().send(Topics.ORDERS_INTAKE, toProduct.key(), EventCodec.encode(toProduct));

        // then only product answers, once, under an id derived from the re-drive
        assertThat(EventCodec.decode(result(orderId, Validators.PRODUCT).value()).id())
                .isEqualTo(EventEnvelope.derivedId(toProduct.id(), Validators.PRODUCT));
        assertThat(kafka().readToEnd(Topics.ORDERS_VALIDATION, r -> orderId.equals(r.key())))
                .extracting(ValidationFlowTest::validatorOf).containsExactly(Validators.PRODUCT);
    }

    @Test
    void otherIntakeEventsAreIgnored() {
        // given
        String orderId = UUID.randomUUID().toString();

        // when an event that is not OrderReceived comes first, on the same partition
        send(new ValidationPassed(orderId, 1, "someone-else", Instant.now()), 1);
        EventEnvelope in = sendOrder(orderId, 1, order("SE"));

        // then the first result is the order's
        assertThat(EventCodec.decode(result(orderId, Validators.DATA).value()).causationId()).isEqualTo(in.id());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextOrderIsStillValidated() {
        // given
        String poisonKey = "poison-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();

        // when
        kafka().send(Topics.ORDERS_INTAKE, poisonKey, "{this is not an event");
        sendOrder(orderId, 1, order("SE"));

        // then
        List<ConsumerRecord<String, String>> dead = kafka().await(Topics.deadLetter(Topics.ORDERS_INTAKE),
                r -> poisonKey.equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains("not JSON");
        assertThat(EventCodec.decode(result(orderId, Validators.DATA).value()).data())
                .isInstanceOf(ValidationPassed.class);
    }
}
