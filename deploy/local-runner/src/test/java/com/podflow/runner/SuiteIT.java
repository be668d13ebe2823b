package com.podflow.runner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.infra.Infra;
import com.sun.net.httpserver.HttpServer;

/**
 * The whole suite end to end: the five packaged services as processes on a real broker and database, a real file
 * server for the print file and a real HTTP receiver for postbacks.
 */
class SuiteIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "it-admin";
    static final List<JsonNode> postbacks = new CopyOnWriteArrayList<>();

    static HttpServer http;
    static Suite suite;
    static String apiKey;

    @BeforeAll
    static void startEverything() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/files/printfile.pdf", exchange -> {
            // a one-page PDF of exactly A4 landscape, the size of the seed's product
            byte[] pdf = ("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
                    + "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
                    + "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 841.89 595.28]>> endobj\n"
                    + "trailer <</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, pdf.length);
            exchange.getResponseBody().write(pdf);
            exchange.close();
        });
        http.createContext("/postbacks", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                postbacks.add(JSON.readTree(body));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();

        Path root = Path.of(System.getProperty("podflow.root", "../..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("podflow-it-data");
        suite = Suite.start(Infra.startForTests(System.getenv()),
                new Suite.Options(root, data, true, "it-key:it-secret", ADMIN), Duration.ofMinutes(3));

        // a client of our own, with its postback URL at our receiver
        Map<String, String> created = given().baseUri(suite.url(Suite.INTAKE))
                .header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON).body(Map.of("name", "E2E Shop"))
                .post("/admin/v1/clients")
                .then().statusCode(201).extract().as(Map.class);
        apiKey = created.get("apiKey");
        given().baseUri(suite.url(Suite.NOTIFICATION))
                .header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + http.getAddress().getPort() + "/postbacks"))
                .put("/admin/v1/clients/{client}/postback", created.get("id"))
                .then().statusCode(200);
    }

    @AfterAll
    static void stopEverything() {
        if (suite != null) {
            suite.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    static ObjectNode seedOrder(String reference) throws IOException {
        try (InputStream in = SuiteIT.class.getResourceAsStream("/seed-order.json")) {
            ObjectNode order = (ObjectNode) JSON.readTree(in);
            order.put("orderReferenceId", reference);
            ObjectNode file = (ObjectNode) order.at("/items/0/files/0");
            file.put("url", "http://127.0.0.1:" + http.getAddress().getPort() + "/files/printfile.pdf");
            return order;
        }
    }

    static String submit(ObjectNode order) {
        return given().baseUri(suite.url(Suite.INTAKE)).header("X-API-KEY", apiKey)
                .contentType(ContentType.JSON).body(order.toString())
                .post("/v1/orders")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void theSeedOrderIsCreatedAndItsPostbacksArrive() throws IOException {
        // when
        String id = submit(seedOrder("e2e-ok-" + System.nanoTime()));

        // then GET (through intake, from the ledger's projection) reaches created
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(suite.url(Suite.INTAKE))
                .header("X-API-KEY", apiKey)
                .get("/v1/orders/{id}", id)
                .then().statusCode(200).body("fulfillmentStatus", equalTo("created")));

        // with the shipment the business rules chose: the cheapest listed method that delivers to SE
        given().baseUri(suite.url(Suite.INTAKE)).header("X-API-KEY", apiKey)
                .get("/v1/orders/{id}", id)
                .then().body("shipment.shipmentMethodUid", equalTo("normal"))
                .body("shipment.fulfillmentCountry", equalTo("SE"));

        // and the client's receiver got every status change, in order
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(postbacksOf(id))
                .extracting(p -> p.get("fulfillmentStatus").asText())
                .containsExactly("received", "passed", "created"));
        assertThat(postbacksOf(id)).extracting(p -> p.get("sequence").asLong()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anOrderWithoutACountryIsRefusedAtOnceNamingTheField() throws IOException {
        // given
        ObjectNode order = seedOrder("e2e-no-country-" + System.nanoTime());
        ((ObjectNode) order.get("shippingAddress")).remove("country");

        // when / then
        given().baseUri(suite.url(Suite.INTAKE)).header("X-API-KEY", apiKey)
                .contentType(ContentType.JSON).body(order.toString())
                .post("/v1/orders")
                .then().statusCode(400)
                .body("message", equalTo("Invalid shipping address: shippingAddress.country is required"));
    }

    @Test
    void anOrderForAnUnknownProductFailsWithAClearReason() throws IOException {
        // given a well-formed order whose product is not in the catalog
        ObjectNode order = seedOrder("e2e-unknown-product-" + System.nanoTime());
        ((ObjectNode) order.at("/items/0")).put("productUid", "flat_product_pf_a9_pt_none_cl_4-0_hor");

        // when
        String id = submit(order);

        // then
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(suite.url(Suite.INTAKE))
                .header("X-API-KEY", apiKey)
                .get("/v1/orders/{id}", id)
                .then().statusCode(200)
                .body("fulfillmentStatus", equalTo("failed"))
                .body("refusalReasonCode", equalTo("invalid_product"))
                .body("refusalReason", containsString("flat_product_pf_a9_pt_none_cl_4-0_hor")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(postbacksOf(id))
                .extracting(p -> p.get("fulfillmentStatus").asText())
                .containsExactly("received", "failed"));
    }

    @Test
    void anotherClientCannotReadTheOrder() throws IOException {
        String id = submit(seedOrder("e2e-private-" + System.nanoTime()));

        given().baseUri(suite.url(Suite.INTAKE)).header("X-API-KEY", "it-key:it-secret")
                .get("/v1/orders/{id}", id)
                .then().statusCode(404);
    }

    static List<JsonNode> postbacksOf(String orderId) {
        return postbacks.stream().filter(p -> orderId.equals(p.path("orderId").asText())).toList();
    }
}
