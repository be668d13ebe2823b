package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import com.podflow.infra.KafkaPostgresTestResource;

/** Rate limit, key rotation, request ids, body limit and the OpenAPI document. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class ApiHygieneTest {
    static final String ADMIN = "dev-admin";

    static Map<String, String> newClient(String name) {
        return given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/admin/v1/clients").then().statusCode(201).extract().as(Map.class);
    }

    /** {@code count} reads by one client, sent at the same moment. */
    private static List<Response> burst(String apiKey, int count) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "nope-" + i;
                sent.add(senders.submit(() -> {
                    start.await();
                    return given().header("X-API-KEY", apiKey).get("/v1/orders/{id}", id);
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void aClientOverItsRateLimitGets429WithRetryAfterAndOthersAreNotAffected() throws Exception {
        // given a client limited to 3 requests per second
        Map<String, String> limited = newClient("Limited Shop");
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON).body("{\"perSecond\": 3}")
                .put("/admin/v1/clients/{id}/rate-limit", limited.get("id"))
                .then().statusCode(200).body("perSecond", equalTo(3));

        // when it sends 10 requests at once (in parallel, so that a slow machine still sends them within a second)
        List<Response> answers = burst(limited.get("apiKey"), 10);

        // then three pass (404: no such order; the bucket refills continuously, so on a slow machine a few more may),
        // and the others are told when to come back
        List<Response> passed = answers.stream().filter(a -> a.statusCode() == 404).toList();
        List<Response> limitedAnswers = answers.stream().filter(a -> a.statusCode() == 429).toList();
        assertThat(passed.size() + limitedAnswers.size()).isEqualTo(10);
        assertThat(passed).hasSizeBetween(3, 7);
        assertThat(limitedAnswers).allSatisfy(a -> {
            assertThat(a.header("Retry-After")).isEqualTo("1");
            assertThat(a.jsonPath().getString("message"))
                    .isEqualTo("Rate limit of 3 requests per second exceeded; retry after 1 s");
        });
        // and another client is not limited by it
        given().header("X-API-KEY", OrderApiTest.KEY).get("/v1/orders/{id}", "nope").then().statusCode(404);
    }

    @Test
    void aBadRateLimitIs400AndAnUnknownClient404() {
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON).body("{\"perSecond\": 0}")
                .put("/admin/v1/clients/{id}/rate-limit", "whoever")
                .then().statusCode(400).body("message", containsString("perSecond must be between 1 and 100000"));
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON).body("{\"perSecond\": 5}")
                .put("/admin/v1/clients/{id}/rate-limit", "no-such-client")
                .then().statusCode(404).body("message", containsString("no-such-client"));
    }

    @Test
    void keysRotateWithoutDowntime() {
        // given
        Map<String, String> client = newClient("Rotating Shop");
        String oldKey = client.get("apiKey");

        // when a second key is issued, both work
        String newKey = given().header("X-ADMIN-KEY", ADMIN).post("/admin/v1/clients/{id}/keys", client.get("id"))
                .then().statusCode(201).extract().path("apiKey");
        given().header("X-API-KEY", oldKey).get("/v1/orders/x").then().statusCode(404);
        given().header("X-API-KEY", newKey).get("/v1/orders/x").then().statusCode(404);
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/clients/{id}/keys", client.get("id"))
                .then().statusCode(200).body("$", hasSize(2)).body("[0].keyId", notNullValue());

        // when the old one is revoked, only the new one works
        String oldKeyId = oldKey.substring(0, oldKey.indexOf(':'));
        given().header("X-ADMIN-KEY", ADMIN).delete("/admin/v1/clients/{id}/keys/{key}", client.get("id"), oldKeyId)
                .then().statusCode(204);
        given().header("X-API-KEY", oldKey).get("/v1/orders/x").then().statusCode(401);
        given().header("X-API-KEY", newKey).get("/v1/orders/x").then().statusCode(404);
        // and revoking it again is a 404
        given().header("X-ADMIN-KEY", ADMIN).delete("/admin/v1/clients/{id}/keys/{key}", client.get("id"), oldKeyId)
                .then().statusCode(404);
    }

    @Test
    void everyAnswerCarriesARequestIdAndASaneOneIsEchoed() {
        given().header("X-API-KEY", OrderApiTest.KEY).header("X-Request-Id", "my-trace-42")
                .get("/v1/orders/x")
                .then().statusCode(404).header("X-Request-Id", "my-trace-42");
        given().get("/v1/orders/x")
                .then().statusCode(401).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-API-KEY", OrderApiTest.KEY).header("X-Request-Id", "<script>")
                .get("/v1/orders/x")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void aBodyOverOneMegabyteIs413() {
        String huge = "{\"orderReferenceId\":\"" + "x".repeat(1_100_000) + "\"}";

        given().header("X-API-KEY", OrderApiTest.KEY).contentType(ContentType.JSON).body(huge)
                .post("/v1/orders")
                .then().statusCode(413);
    }

    @Test
    void theOpenApiDocumentDescribesTheOrderApi() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("podflow Order API"))
                .body("paths.'/v1/orders'.post", notNullValue())
                .body("paths.'/v1/orders/{idOrReference}/cancel'.post", notNullValue());
    }
}
