package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import com.podflow.infra.KafkaPostgresTestResource;

/**
 * Outside development the API refuses plain HTTP: keys never travel in the clear. Behind a TLS-terminating proxy the
 * proxy's {@code X-Forwarded-Proto: https} is what counts.
 */
@QuarkusTest
@TestProfile(HttpsOnlyTest.Production.class)
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class HttpsOnlyTest {

    /** The production setting: HTTPS required. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("intake.require-https", "true");
        }
    }

    @Test
    void plainHttpIsRefusedBeforeTheKeyIsLookedAt() {
        given().header("X-API-KEY", OrderApiTest.KEY).contentType(ContentType.JSON).body(OrderApiTest.seedOrder())
                .post("/v1/orders")
                .then().statusCode(403)
                .body("code", equalTo(403))
                .body("message", equalTo("HTTPS is required: send the request to https://"));
        given().header("X-ADMIN-KEY", "dev-admin").get("/admin/v1/requests").then().statusCode(403);
    }

    @Test
    void httpsThroughATlsProxyIsServed() {
        given().header("X-API-KEY", OrderApiTest.KEY).header("X-Forwarded-Proto", "https")
                .contentType(ContentType.JSON).body(OrderApiTest.seedOrder())
                .post("/v1/orders")
                .then().statusCode(201);
    }

    @Test
    void healthAndTheApiDocumentStayReachable() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
