package com.podflow.validation.messaging;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.EventJson;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Topics;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.ValidationPassed.ShipmentChoice;
import com.podflow.events.Validators;
import com.podflow.events.order.Order;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * Validators {@code product} and {@code rules} on a real broker, with the reference data the service loaded into a
 * real PostgreSQL at startup: one order per refusal code they own ends in a ValidationFailed with that code and an
 * actionable message; the seed order passes both, with the cheapest shipment method and the facility.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class ProductAndRulesFlowTest {
    /** The development client, whose customer products the shipped reference data holds. */
    static final String CLIENT_ID = "00000000-0000-4000-8000-000000000001";
    static final String SEED = """
            { "orderReferenceId": "test", "orderType": "order", "currency": "EUR", "retailCurrency": "GBP",
              "retailShippingPriceInclVat": 6.99, "shipmentMethodUid": "normal,standard,fed_ex_2_day",
              "shippingAddress": { "country": "SE", "firstName": "My first name", "lastName": "My last name",
                "addressLine1": "17", "addressLine2": "Address 1", "city": "City", "postCode": "11111", "state": "",
                "email": "me@example.com", "phone": "+47222222", "companyName": "MyCompany" },
              "items": [ { "itemReferenceId": "test1",
                "productUid": "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor",
                "quantity": 1, "retailPriceInclVat": 19.99,
                "files": [ { "type": "default", "url": "http://127.0.0.1:8099/printfile.pdf" } ] } ] }
            """;

    static Order order(Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(SEED);
            change.accept(json);
            return EventJson.mapper().treeToValue(json, Order.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode item(ObjectNode order) {
        return (ObjectNode) order.get("items").get(0);
    }

    static String submit(Order order) {
        String orderId = UUID.randomUUID().toString();
        OrderReceived received = new OrderReceived(orderId, CLIENT_ID, 1, "api", order, Instant.now());
        EventEnvelope envelope = EventEnvelope.wrap(received, "/test", CLIENT_ID, 1, null);
        kafka().send(Topics.ORDERS_INTAKE, envelope.key(), EventCodec.encode(envelope));
        return orderId;
    }

    static OrderEvent outcome(String orderId, String validator) {
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_VALIDATION,
                r -> orderId.equals(r.key()) && validator.equals(ValidationFlowTest.validatorOf(r)), 1,
                ValidationFlowTest.WAIT);
        assertThat(records).as("%s result of order %s", validator, orderId).hasSize(1);
        return EventCodec.decode(records.get(0).value()).data();
    }

    @Test
    void anUnknownProductUidFailsWithInvalidProduct() {
        assertRefusal(Validators.PRODUCT, o -> item(o).put("productUid", "flat_product_pf_a9_pt_x_hor"),
                RefusalCodes.INVALID_PRODUCT, "items[0].productUid", "is not in the product catalog");
    }

    @Test
    void aCustomerProductNotConnectedFailsWithNotConnected() {
        assertRefusal(Validators.PRODUCT, o -> {
            item(o).remove("productUid");
            item(o).put("productName", "Framed Poster").putObject("productVariant").put("FrameColour", "White")
                    .put("PaperSize", "A3");
        }, RefusalCodes.NOT_CONNECTED, "items[0].productName", "is not connected to a catalog product; connect it");
    }

    @Test
    void aProductThatMayNotGoToTheDestinationFailsWithProductUnavailable() {
        assertRefusal(Validators.RULES, o -> {
            item(o).put("productUid", "frame_product_frs_10x10-inch_frc_oak_frm_wood_frp_w13xt22-mm_gt_plexiglass");
            ((ObjectNode) o.get("shippingAddress")).put("country", "JP");
            o.put("shipmentMethodUid", "DHL");
        }, RefusalCodes.PRODUCT_UNAVAILABLE, "shippingAddress.country", "cannot be shipped to JP");
    }

    @Test
    void tooManyPostersFailWithQuantityLimit() {
        assertRefusal(Validators.RULES, o -> item(o)
                .put("productUid", "large-posters_pf_500x700-mm_pt_170-gsm-coated-silk_cl_4-0_ver")
                .put("quantity", 101),
                RefusalCodes.QUANTITY_LIMIT, "items[0].quantity", "exceeds the maximum of 100");
    }

    @Test
    void noMethodThatDeliversThereFailsWithShipmentNotPossible() {
        assertRefusal(Validators.RULES, o -> o.put("shipmentMethodUid", "fed_ex_2_day"),
                RefusalCodes.SHIPMENT_NOT_POSSIBLE, "shipmentMethodUid",
                "can deliver to SE; check the address's country, or add one of:");
    }

    @Test
    void aCrossBorderOrderWithoutRetailCurrencyFailsWithMissingRetailPrices() {
        assertRefusal(Validators.RULES, o -> {
            o.remove("retailCurrency");
            item(o).put("productUid", "framed-posters_pf_a3_pt_200-gsm-matte_cl_4-0_fc_black_ver");
        }, RefusalCodes.MISSING_RETAIL_PRICES, "retailCurrency",
                "Order is failing as it’s going to be cross border and product retail prices are missing.");
    }

    /** Submits the seed order changed by {@code change}; {@code validator} fails it with exactly this finding. */
    static void assertRefusal(String validator, Consumer<ObjectNode> change, String code, String field,
            String message) {
        // when
        String orderId = submit(order(change));

        // then
        assertThat(outcome(orderId, validator)).isInstanceOfSatisfying(ValidationFailed.class, failed -> {
            assertThat(failed.attempt()).isEqualTo(1);
            assertThat(failed.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(code);
                assertThat(f.field()).isEqualTo(field);
                assertThat(f.message()).contains(message);
            });
        });
    }

    @Test
    void theSeedOrderPassesWithTheCheapestMethodAndAFacilityInTheDestinationCountry() {
        // when
        String orderId = submit(order(o -> {
        }));

        // then
        assertThat(outcome(orderId, Validators.PRODUCT)).isInstanceOfSatisfying(ValidationPassed.class,
                passed -> assertThat(passed.resolution().products()).singleElement().satisfies(p -> {
                    // the product as the catalog knows it, for the production request
                    assertThat(p.itemReferenceId()).isEqualTo("test1");
                    assertThat(p.productUid()).isNotBlank();
                    assertThat(p.widthMm()).isNotNull();
                }));
        assertThat(outcome(orderId, Validators.RULES)).isInstanceOfSatisfying(ValidationPassed.class,
                passed -> assertThat(passed.resolution().shipment()).isEqualTo(new ShipmentChoice("normal",
                        "Normal", "PostNord", "normal", new BigDecimal("3.90"), "EUR", 3, 6, "se-stockholm-1", "SE")));
    }

    @Test
    void aProductAddedThroughTheAdminApiIsKnownToTheNextOrder() {
        // given
        String uid = "test-mini-card-" + UUID.randomUUID();
        String facility = "test-facility-" + UUID.randomUUID();
        given().header("X-ADMIN-KEY", "dev-admin").contentType("application/json")
                .body("""
                        { "name": "Mini card", "widthMm": 74, "heightMm": 105, "bleedMm": 2, "minDpi": 300,
                          "fileTypes": ["default"], "maxQuantity": 1000 }""")
                .put("/admin/v1/products/" + uid).then().statusCode(200);
        given().header("X-ADMIN-KEY", "dev-admin").contentType("application/json")
                .body("""
                        { "name": "Test facility", "country": "SE", "products": ["%s"] }""".formatted(uid))
                .put("/admin/v1/facilities/" + facility).then().statusCode(200);

        // when
        String orderId = submit(order(o -> item(o).put("productUid", uid)));

        // then
        assertThat(outcome(orderId, Validators.PRODUCT)).isInstanceOfSatisfying(ValidationPassed.class,
                passed -> assertThat(passed.resolution().products()).singleElement().satisfies(p -> {
                    // the product as the catalog knows it, for the production request
                    assertThat(p.itemReferenceId()).isEqualTo("test1");
                    assertThat(p.productUid()).isEqualTo(uid);
                    assertThat(p.name()).isEqualTo("Mini card");
                    assertThat(p.bleedMm()).isEqualByComparingTo("2");
                    assertThat(p.minDpi()).isEqualTo(300);
                    assertThat(p.widthMm()).isNotNull();
                }));
        assertThat(outcome(orderId, Validators.RULES)).isInstanceOfSatisfying(ValidationPassed.class,
                passed -> assertThat(passed.resolution().shipment().fulfillmentFacilityId())
                        .isEqualTo(facility));
    }

    @Test
    void anUnknownProductFailsOnlyTheProductValidator() {
        // when
        String orderId = submit(order(o -> ((ArrayNode) o.get("items")).forEach(i -> ((ObjectNode) i)
                .put("productUid", "nope"))));

        // then
        assertThat(outcome(orderId, Validators.PRODUCT)).isInstanceOf(ValidationFailed.class);
        assertThat(outcome(orderId, Validators.RULES)).isInstanceOf(ValidationPassed.class);
        assertThat(outcome(orderId, Validators.DATA)).isInstanceOf(ValidationPassed.class);
    }
}
