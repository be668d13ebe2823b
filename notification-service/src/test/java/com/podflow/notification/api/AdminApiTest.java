package com.podflow.notification.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.notification.SmtpTestResource;

/** The operator API for postback targets: X-ADMIN-KEY, validation and the error JSON. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
class AdminApiTest {
    static final String ADMIN_KEY = "dev-admin";
    static final String TARGET = "/admin/v1/clients/{clientId}/postback";

    static String newClient() {
        return "client-" + UUID.randomUUID();
    }

    @Test
    void aPostbackUrlIsSetReadAndReplaced() {
        // given
        String clientId = newClient();

        // when
        given().header("X-ADMIN-KEY", ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/hooks/1"))
                .put(TARGET, clientId)
                .then().statusCode(200)
                .body("clientId", equalTo(clientId))
                .body("url", equalTo("https://example.com/hooks/1"));
        given().header("X-ADMIN-KEY", ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/hooks/2"))
                .put(TARGET, clientId)
                .then().statusCode(200);

        // then
        given().header("X-ADMIN-KEY", ADMIN_KEY).get(TARGET, clientId)
                .then().statusCode(200)
                .body("clientId", equalTo(clientId))
                .body("url", equalTo("https://example.com/hooks/2"));
    }

    @Test
    void aClientWithoutPostbackUrlIsNotFound() {
        String clientId = newClient();

        given().header("X-ADMIN-KEY", ADMIN_KEY).get(TARGET, clientId)
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("code", equalTo(404))
                .body("message", equalTo("Client '" + clientId + "' has no postback URL"));
    }

    @Test
    void withoutTheAdminKeyEveryCallIs401() {
        String clientId = newClient();

        given().get(TARGET, clientId)
                .then().statusCode(401).contentType(ContentType.JSON)
                .body("code", equalTo(401)).body("message", equalTo("Missing or wrong X-ADMIN-KEY header"));
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.com"))
                .put(TARGET, clientId)
                .then().statusCode(401).body("code", equalTo(401));
        given().get("/admin/v1/clients/{clientId}/postbacks", clientId)
                .then().statusCode(401).body("code", equalTo(401));
    }

    @Test
    void aWrongAdminKeyIs401AndChangesNothing() {
        // given
        String clientId = newClient();

        // when
        given().header("X-ADMIN-KEY", "dev-admin-not").contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/hooks"))
                .put(TARGET, clientId)
                .then().statusCode(401).body("code", equalTo(401));

        // then
        given().header("X-ADMIN-KEY", ADMIN_KEY).get(TARGET, clientId).then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"url\":null}", "{\"url\":\"  \"}", "{\"url\":\"ftp://example.com/x\"}",
            "{\"url\":\"example.com/hooks\"}", "{\"url\":\"/relative\"}"})
    void aMissingOrBadUrlIs400NamingTheField(String body) {
        String clientId = newClient();

        given().header("X-ADMIN-KEY", ADMIN_KEY).contentType(ContentType.JSON).body(body)
                .put(TARGET, clientId)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("code", equalTo(400))
                .body("message", equalTo("url must be an absolute http(s) URL"));
    }

    @Test
    void noBodyOrMalformedJsonIs400() {
        String clientId = newClient();

        given().header("X-ADMIN-KEY", ADMIN_KEY).contentType(ContentType.JSON)
                .put(TARGET, clientId)
                .then().statusCode(400).body("code", equalTo(400));
        given().header("X-ADMIN-KEY", ADMIN_KEY).contentType(ContentType.JSON).body("{\"url\":")
                .put(TARGET, clientId)
                .then().statusCode(400).body("code", equalTo(400));
    }

    @Test
    void aClientWithoutAttemptsHasAnEmptyLog() {
        given().header("X-ADMIN-KEY", ADMIN_KEY).get("/admin/v1/clients/{clientId}/postbacks", newClient())
                .then().statusCode(200).body("size()", equalTo(0));
    }
}
