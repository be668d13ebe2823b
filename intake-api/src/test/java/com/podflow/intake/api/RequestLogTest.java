package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.intake.persistence.RequestLog;

/** The requests log over real HTTP and PostgreSQL: what is kept, the filters, redaction, isolation, retention. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class RequestLogTest {
    static final String KEY = OrderApiTest.KEY;
    static final String ADMIN = "dev-admin";

    @Inject
    RequestLog log;

    /** A new client's API key, so that each test reads a log of its own. */
    static String newClient(String name) {
        return ApiHygieneTest.newClient(name).get("apiKey");
    }

    JsonPath requests(String key, String query) {
        log.flush();
        return given().header("X-API-KEY", key).get("/v1/requests" + query).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void anAcceptedOrderIsLoggedWithItsBodyAnswerAndOrder() throws Exception {
        String key = newClient("Log Shop");
        ObjectNode order = OrderCommandsTest.order("logged");
        order.put("customerReferenceId", "customer-7");
        String id = given().header("X-API-KEY", key).header("X-Request-Id", "trace-42").contentType(ContentType.JSON)
                .body(order.toString()).post("/v1/orders").then().statusCode(201).extract().path("id");

        JsonPath list = requests(key, "");

        assertThat(list.getList("requests")).hasSize(1);
        assertThat(list.getString("requests[0].method")).isEqualTo("POST");
        assertThat(list.getString("requests[0].path")).isEqualTo("/v1/orders");
        assertThat(list.getInt("requests[0].status")).isEqualTo(201);
        assertThat(list.getString("requests[0].orderId")).isEqualTo(id);
        assertThat(list.getString("requests[0].customerReferenceId")).isEqualTo("customer-7");
        assertThat(list.getString("requests[0].requestId")).isEqualTo("trace-42");
        assertThat(list.getString("requests[0].keyId")).isEqualTo(key.substring(0, key.indexOf(':')));
        assertThat(list.getInt("requests[0].durationMs")).isGreaterThanOrEqualTo(0);
        assertThat(list.getString("requests[0].requestBody")).as("bodies only in the detail").isNull();

        JsonPath detail = given().header("X-API-KEY", key).get("/v1/requests/{id}", list.getString("requests[0].id"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("requestBody")).isEqualTo(order.toString());
        assertThat(detail.getString("responseBody")).contains("\"id\":\"" + id + "\"");
        assertThat(detail.getBoolean("requestBodyTruncated")).isFalse();
    }

    @Test
    void refusalsAreLoggedAndTheFiltersFindThem() throws Exception {
        String key = newClient("Filter Shop");
        given().header("X-API-KEY", key).contentType(ContentType.JSON).body("{\"orderType\": 12, ")
                .post("/v1/orders").then().statusCode(400);
        ObjectNode order = OrderCommandsTest.order("filters");
        String id = given().header("X-API-KEY", key).contentType(ContentType.JSON).body(order.toString())
                .post("/v1/orders").then().statusCode(201).extract().path("id");
        given().header("X-API-KEY", key).post("/v1/orders/{id}/cancel", order.get("orderReferenceId").asText())
                .then().statusCode(200);
        given().header("X-API-KEY", key).get("/v1/orders/no-such-order").then().statusCode(404);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        assertThat(requests(key, "").getList("requests")).hasSize(4);
        assertThat(requests(key, "?status=4xx").getList("requests.status")).containsExactly(404, 400);
        assertThat(requests(key, "?status=400").getString("requests[0].requestBody")).isNull();
        assertThat(requests(key, "?status=2xx,404").getList("requests")).hasSize(3);
        assertThat(requests(key, "?orderId=" + id).getList("requests.path", String.class))
                .as("the cancel named the order by its reference; it is filed under the order id")
                .containsExactly("/v1/orders/" + order.get("orderReferenceId").asText() + "/cancel", "/v1/orders");
        assertThat(requests(key, "?method=post&status=201").getList("requests")).hasSize(1);
        assertThat(requests(key, "?from=" + today + "&to=" + today).getList("requests")).hasSize(4);
        assertThat(requests(key, "?to=2020-01-01").getList("requests")).isEmpty();
        assertThat(requests(key, "?limit=2").getList("requests")).hasSize(2);
        assertThat(requests(key, "?limit=2&offset=2").getList("requests.status"))
                .as("the second page goes on where the first stopped")
                .containsExactly(201, 400);

        String badBody = given().header("X-API-KEY", key).get("/v1/requests/{id}",
                requests(key, "?status=400").getString("requests[0].id")).then().statusCode(200)
                .extract().path("requestBody");
        assertThat(badBody).as("malformed JSON is kept as it was sent").isEqualTo("{\"orderType\": 12, ");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "?status=abc       | status 'abc' must be HTTP status codes or classes",
            "?status=4xx,      | status '4xx,' must be",
            "?from=yesterday   | from 'yesterday' is not an ISO 8601 date",
            "?from=2024-02-01&to=2024-01-01 | from must be before to",
            "?limit=500        | limit must be a whole number from 1 to 100",
            "?offset=-1        | offset must be a whole number from 0",
            "?method=FETCH     | method 'FETCH' must be an HTTP method"})
    void badFiltersAre400NamingTheParameter(String query, String message) {
        given().header("X-API-KEY", KEY).get("/v1/requests" + query.trim())
                .then().statusCode(400).body("message", containsString(message.trim()));
    }

    @Test
    void aClientSeesOnlyItsOwnRequestsAndOperatorsSeeAll() throws Exception {
        String mine = newClient("Mine");
        String theirs = newClient("Theirs");
        given().header("X-API-KEY", theirs).contentType(ContentType.JSON)
                .body(OrderCommandsTest.order("theirs").toString()).post("/v1/orders").then().statusCode(201);
        String theirRequest = requests(theirs, "").getString("requests[0].id");
        String theirClient = given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/requests/{id}", theirRequest)
                .then().statusCode(200).extract().path("clientId");

        assertThat(requests(mine, "").getList("requests")).isEmpty();
        given().header("X-API-KEY", mine).get("/v1/requests/{id}", theirRequest)
                .then().statusCode(404).body("message", equalTo("Request '" + theirRequest + "' not found"));
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/requests?clientId=" + theirClient)
                .then().statusCode(200).body("requests.size()", equalTo(1))
                .body("requests[0].id", equalTo(theirRequest));
        given().get("/v1/requests").then().statusCode(401);
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/requests/{id}", "no-such-request")
                .then().statusCode(404).body("message", equalTo("Request 'no-such-request' not found"));
    }

    @Test
    void aRefusedKeyIsLoggedForOperatorsWithoutItsSecret() {
        String path = "/v1/orders/unauthenticated-" + System.nanoTime();
        given().header("X-API-KEY", "pk_nobody:sk_wrongwrongwrong").get(path).then().statusCode(401);
        log.flush();

        List<Map<String, Object>> refused = given().header("X-ADMIN-KEY", ADMIN)
                .get("/admin/v1/requests?status=401&limit=100").then().statusCode(200).extract().path("requests");

        assertThat(refused).filteredOn(r -> path.equals(r.get("path"))).singleElement()
                .satisfies(r -> assertThat(r.get("clientId")).isNull())
                .satisfies(r -> assertThat(r.get("keyId")).isNull());
    }

    @Test
    void secretsInBodiesAndAnswersAreRedacted() {
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"Secret Shop\", \"password\": \"hunter2\"}")
                .post("/admin/v1/clients").then().statusCode(201);
        log.flush();

        List<Map<String, Object>> created = given().header("X-ADMIN-KEY", ADMIN)
                .get("/admin/v1/requests?method=POST&status=201&limit=100").then().statusCode(200).extract()
                .path("requests");
        String requestId = created.stream().filter(r -> "/admin/v1/clients".equals(r.get("path")))
                .map(r -> (String) r.get("id")).findFirst().orElseThrow();
        JsonPath detail = given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/requests/{id}", requestId)
                .then().statusCode(200).extract().jsonPath();

        assertThat(detail.getString("requestBody")).contains("\"password\": \"[redacted]\"").doesNotContain("hunter2");
        assertThat(detail.getString("responseBody")).contains("\"apiKey\":\"[redacted]\"").doesNotContain(":sk_");
    }

    @Test
    void aLongBodyIsKeptCutOffAndMarked() throws Exception {
        String key = newClient("Long Shop");
        ObjectNode order = OrderCommandsTest.order("long");
        order.putArray("metadata").addObject().put("key", "notes").put("value", "x".repeat(5_000));
        given().header("X-API-KEY", key).contentType(ContentType.JSON).body(order.toString())
                .post("/v1/orders");

        String id = requests(key, "").getString("requests[0].id");
        JsonPath detail = given().header("X-API-KEY", key).get("/v1/requests/{id}", id).then().statusCode(200)
                .extract().jsonPath();

        assertThat(detail.getString("requestBody")).hasSize(4096);
        assertThat(detail.getBoolean("requestBodyTruncated")).isTrue();
    }

    @Test
    void theSweepDeletesRequestsOlderThanTheRetention() {
        String key = newClient("Old Shop");
        given().header("X-API-KEY", key).get("/v1/orders/old").then().statusCode(404);
        String old = requests(key, "").getString("requests[0].id");

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            given().header("X-API-KEY", key).get("/v1/orders/new").then().statusCode(404);
            log.flush();
            assertThat(log.sweep(Duration.ofSeconds(1))).isPositive();
            given().header("X-API-KEY", key).get("/v1/requests/{id}", old).then().statusCode(404);
        });
        assertThat(requests(key, "").getList("requests.path")).as("the newest request is younger than 1 s")
                .contains("/v1/orders/new");
    }
}
