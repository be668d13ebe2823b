package com.podflow.intake.channels;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import com.podflow.events.EventCodec;
import com.podflow.events.OrderReceived;
import com.podflow.events.Topics;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.intake.api.LedgerStub;
import com.podflow.intake.channels.domain.WebhookSignatures;
import com.podflow.intake.persistence.RequestLog;

/**
 * The other channels over real HTTP, PostgreSQL and Kafka: connector templates (the API reference's template as
 * printed), the connector endpoint, Shopify and WooCommerce webhooks, and the requests log's stages.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class ChannelsApiTest {
    static final String ADMIN = "dev-admin";

    @Inject
    RequestLog log;

    /** A client of its own per test, so tests do not see each other's templates and stores. */
    static String newClient() {
        return newClientWithId()[1];
    }

    /** {id, apiKey} */
    static String[] newClientWithId() {
        ExtractableResponse<Response> created = given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"Channels " + UUID.randomUUID() + "\"}")
                .post("/admin/v1/clients").then().statusCode(201).extract();
        return new String[]{created.path("id"), created.path("apiKey")};
    }

    static String resource(String name) {
        try (InputStream in = ChannelsApiTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The API reference's packing-slip migration template exactly as the seed prints it (test resource copied from the
     * seed), except where the reference's translation turned three JSON keys into German words: those are put back
     * to the keys its own parameter table names (packagingInstructions, packageItems, packingSlip). Everything else,
     * including its {@code ##{{ … }}} expressions, namespace(), items(), get(), tojson and js, is read as printed.
     */
    static String seedTemplate() {
        String printed = resource("/channels/seed-packing-slip-template.jinja");
        assertThat(printed).contains("Verpackungsanweisungen {Paketartikel").contains("Lieferschein \"fileUrl\"")
                .contains("##{{ value | tojson }}").contains("namespace(packing_slip_url=None)");
        return printed
                .replace("Verpackungsanweisungen {Paketartikel", "\"packagingInstructions\": [ { \"packageItems\": [")
                .replace("Lieferschein \"fileUrl\"", "\"packingSlip\": { \"fileUrl\"");
    }

    /** An order whose packing slip travels in metadata, as the reference's migration note describes. */
    static String metadataOrder(String reference) {
        return resource("/seed-order.json").replace("\"orderReferenceId\": \"test\"", "\"orderReferenceId\": \""
                + reference + "\"").replace("\"preventDuplicate\": true, ", "")
                .replace("\"items\": [", "\"metadata\": [{\"key\": \"tenant-packing-slip\", \"value\":"
                        + " \"https://example.com/slip.pdf\"}], \"items\": [");
    }

    static String templateBody(String template, String sample) {
        return "{\"template\": " + json(template) + ", \"samplePayload\": " + sample + "}";
    }

    static String json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theReferencesPackingSlipTemplateWorksAsPrinted() {
        String key = newClient();

        // when
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body(templateBody(seedTemplate(), metadataOrder("ref-1")))
                .put("/v1/templates/packing-slip")
                .then().statusCode(201).body("name", equalTo("packing-slip")).body("version", equalTo(1));

        // then: its trial on another payload moves the slip into packagingInstructions
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"payload\": " + metadataOrder("ref-2") + "}")
                .post("/v1/templates/packing-slip:test")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("errors", hasSize(0))
                .body("order.orderReferenceId", equalTo("ref-2"))
                .body("order.packagingInstructions[0].packingSlip.fileUrl", equalTo("https://example.com/slip.pdf"))
                .body("order.packagingInstructions[0].packageItems[0].orderItemReferenceId", equalTo("test1"))
                .body("order.packagingInstructions[0].packageItems[0].quantity", equalTo(1));
        given().header("X-API-KEY", key).get("/v1/templates/packing-slip")
                .then().statusCode(200).body("version", equalTo(1)).body("template", containsString("##{{ key }}"));
        given().header("X-API-KEY", key).get("/v1/templates")
                .then().statusCode(200).body("templates[0].name", equalTo("packing-slip"))
                .body("templates[0].latestVersion", equalTo(1));
    }

    @Test
    void aTemplateThatDoesNotCompileIsNotSavedAndTheAnswerNamesTheLine() {
        String key = newClient();
        String broken = "{\n  \"orderReferenceId\": \"x\",\n  {% for item in payload.items %}\n}";

        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body(templateBody(broken, metadataOrder("r")))
                .put("/v1/templates/broken")
                .then().statusCode(400)
                .body("stage", equalTo("template"))
                .body("errors[0].stage", equalTo("template"))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].message", containsString("line 3"));
        given().header("X-API-KEY", key).get("/v1/templates/broken").then().statusCode(404);
    }

    @Test
    void aTemplateWhoseOutputIsNotAValidOrderIsRefusedNamingEachField() {
        String key = newClient();
        String template = "{\"orderReferenceId\": {{ payload.ref|js }}, \"currency\": \"EUR\", \"items\": []}";

        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body(templateBody(template, "{\"ref\": \"a\"}"))
                .put("/v1/templates/thin")
                .then().statusCode(400)
                .body("stage", equalTo("order"))
                .body("errors.field", hasItem("shippingAddress"))
                .body("errors.field", hasItem("items"));
        // the same, tried inline: 200 with every problem, and output not JSON is the template stage
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"template\": \"{{ payload.ref }}\", \"payload\": {\"ref\": \"a\"}}")
                .post("/v1/templates:test")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("stage", equalTo("template"))
                .body("output", equalTo("a"))
                .body("errors[0].code", equalTo("not_json"));
    }

    @Test
    void theSandboxLoadsNothingAndStopsLongRenders() {
        String key = newClient();

        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"template\": \"{% include 'application.properties' %}\", \"payload\": {}}")
                .post("/v1/templates:test")
                .then().statusCode(200).body("valid", equalTo(false)).body("errors[0].code", equalTo("not_allowed"));
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"template\": \"{% for i in range(10000) %}{% for j in range(10000) %}{{ i }}{% endfor %}"
                        + "{% endfor %}\", \"payload\": {}}")
                .post("/v1/templates:test")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("errors[0].code", org.hamcrest.Matchers.anyOf(equalTo("render_timeout"),
                        equalTo("output_too_large")));
    }

    @Test
    void aConnectorOrderGoesThroughItsTemplateAndIsAnnouncedWithTheConnectorsChannel() {
        String key = newClient();
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body(templateBody(seedTemplate(), metadataOrder("sample")))
                .put("/v1/templates/packing-slip").then().statusCode(201);
        given().header("X-API-KEY", key).contentType(ContentType.JSON).body("{\"template\": \"packing-slip\"}")
                .put("/v1/connectors/legacy-shop")
                .then().statusCode(200).body("ordersUrl", equalTo("/v1/connectors/legacy-shop/orders"));

        // when
        String reference = "conn-" + UUID.randomUUID();
        String id = given().header("X-API-KEY", key).contentType(ContentType.JSON).body(metadataOrder(reference))
                .post("/v1/connectors/legacy-shop/orders")
                .then().statusCode(201).body("orderReferenceId", equalTo(reference))
                .extract().path("id");

        // then
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_INTAKE, r -> id.equals(r.key()), 1,
                Duration.ofSeconds(30));
        OrderReceived received = (OrderReceived) EventCodec.decode(records.get(0).value()).data();
        assertThat(received.channel()).isEqualTo("legacy-shop");
        assertThat(received.order().packagingInstructions()).hasSize(1);
        assertThat(received.order().packagingInstructions().get(0).packingSlip().fileUrl())
                .isEqualTo("https://example.com/slip.pdf");

        // and the requests log keeps the four stages
        log.flush();
        String entry = given().header("X-API-KEY", key).queryParam("orderId", id).get("/v1/requests")
                .then().statusCode(200).body("requests", hasSize(1)).extract().path("requests[0].id");
        given().header("X-API-KEY", key).get("/v1/requests/" + entry)
                .then().statusCode(200)
                .body("requestBody", containsString("tenant-packing-slip"))
                .body("templateOutput", containsString("packagingInstructions"))
                .body("finalOrder", containsString("\"packingSlip\""))
                .body("responseBody", containsString(id));
    }

    @Test
    void aConnectorPayloadThatFailsIsRefusedNamingTheStage() {
        String key = newClient();
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body(templateBody(seedTemplate(), metadataOrder("sample")))
                .put("/v1/templates/packing-slip").then().statusCode(201);
        given().header("X-API-KEY", key).contentType(ContentType.JSON).body("{\"template\": \"packing-slip\"}")
                .put("/v1/connectors/legacy").then().statusCode(200);

        // an order without a shipping address: the order stage, by field
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body(metadataOrder("bad").replaceAll("\"shippingAddress\": \\{[^}]*\\},", ""))
                .post("/v1/connectors/legacy/orders")
                .then().statusCode(422)
                .body("stage", equalTo("order"))
                .body("errors.field", hasItem("shippingAddress"));
        // unknown connector, reserved names
        given().header("X-API-KEY", key).contentType(ContentType.JSON).body("{}")
                .post("/v1/connectors/nope/orders").then().statusCode(404);
        given().header("X-API-KEY", key).contentType(ContentType.JSON).body("{\"template\": \"packing-slip\"}")
                .put("/v1/connectors/shopify").then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    static final String SHOPIFY_ORDER = """
            {"id": 820982911946154508, "name": "#9999", "email": "jon@example.com", "currency": "USD",
             "shipping_address": {"first_name": "Steve", "last_name": "Shipper", "address1": "123 Shipping Street",
               "city": "Shippington", "zip": "40003", "province_code": "KY", "country_code": "US",
               "phone": "555-555-5555"},
             "line_items": [{"id": 866550311766439020, "product_id": 632910392, "variant_id": 808950810,
               "title": "IPod Nano - 8GB", "quantity": 2, "price": "199.00"}]}
            """;

    @Test
    void aSignedShopifyOrderIsAcceptedOnceAndAnnouncedWithChannelShopify() {
        String key = newClient();
        String secret = "shpss_" + UUID.randomUUID();
        String store = given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"platform\": \"shopify\", \"secret\": \"" + secret + "\", \"name\": \"My shop\"}")
                .post("/v1/stores")
                .then().statusCode(201).body("webhookUrl", containsString("/v1/storefronts/shopify/"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")))
                .extract().path("id");
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"mappings\": [{\"productId\": \"632910392\", \"productUid\": \"flat_product_pf_a4\","
                        + " \"fileUrl\": \"https://example.com/design.pdf\"}]}")
                .put("/v1/stores/" + store + "/product-mappings").then().statusCode(200).body("saved", equalTo(1));
        byte[] body = SHOPIFY_ORDER.getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();

        // a bad signature: 401, nothing created
        given().header("X-Shopify-Hmac-Sha256", WebhookSignatures.sign("wrong-secret", body))
                .header("X-Shopify-Webhook-Id", delivery).contentType(ContentType.JSON).body(body)
                .post("/v1/storefronts/shopify/" + store + "/orders").then().statusCode(401);

        // when
        String id = shopify(store, secret, body, delivery).then().statusCode(200)
                .body("status", equalTo("accepted")).extract().path("orderId");

        // then
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_INTAKE, r -> id.equals(r.key()), 1,
                Duration.ofSeconds(30));
        OrderReceived received = (OrderReceived) EventCodec.decode(records.get(0).value()).data();
        assertThat(received.channel()).isEqualTo("shopify");
        assertThat(received.order().orderReferenceId()).isEqualTo(store + "-820982911946154508");
        assertThat(received.order().shippingAddress().email()).isEqualTo("jon@example.com");
        assertThat(received.order().items().get(0).productUid()).isEqualTo("flat_product_pf_a4");
        assertThat(received.order().items().get(0).quantity()).isEqualTo(2);
        assertThat(received.order().items().get(0).files().get(0).url()).isEqualTo("https://example.com/design.pdf");

        // a replay of the delivery: 200, ignored; a new delivery of the same order: a duplicate, not a second order
        shopify(store, secret, body, delivery).then().statusCode(200).body("status", equalTo("replay"))
                .body("orderId", equalTo(id));
        shopify(store, secret, body, UUID.randomUUID().toString()).then().statusCode(200)
                .body("status", equalTo("duplicate")).body("orderId", equalTo(id));
        assertThat(kafka().await(Topics.ORDERS_INTAKE, r -> r.value().contains(store + "-820982911946154508"), 2,
                Duration.ofSeconds(3))).hasSize(1);

        // the 401 is in the client's requests log
        log.flush();
        given().header("X-API-KEY", key).queryParam("status", "401").get("/v1/requests")
                .then().statusCode(200).body("requests", hasSize(1))
                .body("requests[0].path", containsString("/v1/storefronts/shopify/" + store));
    }

    @Test
    void anUnmappedLineItemFailsTheOrderWithNotConnectedNamingTheStoreProduct() {
        String key = newClient();
        String secret = "shpss_" + UUID.randomUUID();
        String store = given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"platform\": \"shopify\", \"secret\": \"" + secret + "\"}")
                .post("/v1/stores").then().statusCode(201).extract().path("id");
        byte[] body = SHOPIFY_ORDER.getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();

        shopify(store, secret, body, delivery).then().statusCode(422)
                .body("stage", equalTo("mapping"))
                .body("errors[0].code", equalTo("not_connected"))
                .body("errors[0].field", equalTo("line_items[0]"))
                .body("errors[0].message", containsString("632910392"));

        // once connected, the store's retry of the same delivery goes through
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"mappings\": [{\"productId\": \"632910392\", \"variantId\": \"808950810\","
                        + " \"productUid\": \"p\", \"fileUrl\": \"https://example.com/d.pdf\"}]}")
                .put("/v1/stores/" + store + "/product-mappings").then().statusCode(200);
        shopify(store, secret, body, delivery).then().statusCode(200).body("status", equalTo("accepted"));
    }

    static final String WOO_ORDER = """
            {"id": 727, "number": "727", "currency": "EUR",
             "billing": {"email": "john.doe@example.com", "phone": "(555) 555-5555"},
             "shipping": {"first_name": "John", "last_name": "Doe", "address_1": "969 Market", "city": "San Francisco",
               "state": "CA", "postcode": "94103", "country": "US"},
             "line_items": [{"id": 315, "name": "Woo Single #1", "product_id": 93, "variation_id": 0,
               "quantity": 2, "price": 3}]}
            """;

    @Test
    void aWooCommerceOrderUsesMappingsImportedFromCsv() {
        String[] client = newClientWithId();
        String clientId = client[0];
        String key = client[1];
        String secret = "wc-secret-" + UUID.randomUUID();
        // an operator connects the store for the client
        String store = given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body("{\"platform\": \"woocommerce\", \"secret\": \"" + secret + "\", \"customerReferenceId\":"
                        + " \"cust-1\"}")
                .post("/admin/v1/clients/" + clientId + "/stores")
                .then().statusCode(201).extract().path("id");
        // a bad row refuses the file, naming the row and field
        given().header("X-API-KEY", key).contentType("text/csv")
                .body("productId,variantId,productUid,fileUrl\n93,,p93,https://example.com/93.pdf\n94,,p94,not-a-url\n")
                .post("/v1/stores/" + store + "/product-mappings")
                .then().statusCode(400).body("errors[0].field", equalTo("row 3.fileUrl"));
        given().header("X-API-KEY", key).contentType("text/csv")
                .body("productId,variantId,productUid,fileUrl,fileType\n93,,p93,https://example.com/93.pdf,default\n"
                        + "\"94\",7,p94,https://example.com/94.pdf,\n")
                .post("/v1/stores/" + store + "/product-mappings")
                .then().statusCode(200).body("saved", equalTo(2));
        given().header("X-API-KEY", key).get("/v1/stores/" + store + "/product-mappings")
                .then().statusCode(200).body("mappings", hasSize(2)).body("mappings[1].variantId", equalTo("7"));
        byte[] body = WOO_ORDER.getBytes(StandardCharsets.UTF_8);

        // when
        String id = given().header("X-WC-Webhook-Signature", WebhookSignatures.sign(secret, body))
                .header("X-WC-Webhook-Delivery-ID", UUID.randomUUID().toString())
                .header("X-WC-Webhook-Topic", "order.created")
                .contentType(ContentType.JSON).body(body)
                .post("/v1/storefronts/woocommerce/" + store + "/orders")
                .then().statusCode(200).body("status", equalTo("accepted")).extract().path("orderId");

        // then
        OrderReceived received = (OrderReceived) EventCodec.decode(kafka().await(Topics.ORDERS_INTAKE,
                r -> id.equals(r.key()), 1, Duration.ofSeconds(30)).get(0).value()).data();
        assertThat(received.channel()).isEqualTo("woocommerce");
        assertThat(received.order().customerReferenceId()).isEqualTo("cust-1");
        assertThat(received.order().shippingAddress().phone()).isEqualTo("(555) 555-5555");
        assertThat(received.order().items().get(0).productUid()).isEqualTo("p93");
        // a Shopify signature header on the WooCommerce path is not a signature
        given().header("X-Shopify-Hmac-Sha256", WebhookSignatures.sign(secret, body)).contentType(ContentType.JSON)
                .body(body).post("/v1/storefronts/woocommerce/" + store + "/orders").then().statusCode(401);
    }

    @Test
    void operatorsManageAClientsTemplates() {
        String[] client = newClientWithId();
        String clientId = client[0];
        String key = client[1];

        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(templateBody(seedTemplate(), metadataOrder("a")))
                .put("/admin/v1/clients/" + clientId + "/templates/slip")
                .then().statusCode(201).body("version", equalTo(1));
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(templateBody(seedTemplate(), metadataOrder("b")))
                .put("/admin/v1/clients/" + clientId + "/templates/slip")
                .then().statusCode(201).body("version", equalTo(2));
        given().header("X-API-KEY", key).queryParam("version", 1).get("/v1/templates/slip")
                .then().statusCode(200).body("version", equalTo(1)).body("samplePayload.orderReferenceId",
                        equalTo("a"));
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/admin/v1/clients/" + clientId + "/templates/slip:test")
                .then().statusCode(200).body("valid", equalTo(true)).body("order.orderReferenceId", equalTo("b"));
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/clients/" + clientId + "/templates")
                .then().statusCode(200).body("templates[0].latestVersion", equalTo(2));
        // another client does not see them
        given().header("X-API-KEY", newClient()).get("/v1/templates/slip").then().statusCode(404);
    }

    static Response shopify(String store, String secret, byte[] body, String delivery) {
        return given().log().ifValidationFails().header("X-Shopify-Hmac-Sha256", WebhookSignatures.sign(secret, body))
                .header("X-Shopify-Webhook-Id", delivery).header("X-Shopify-Topic", "orders/create")
                .contentType(ContentType.JSON).body(body)
                .post("/v1/storefronts/shopify/" + store + "/orders");
    }
}
