package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.podflow.infra.KafkaPostgresTestResource;

/**
 * Intake's support and analytics endpoints over real HTTP: the admin key guards them, each forwards to its ledger
 * endpoint with the body and query it was given (the ledger's side: order-ledger's ReplayTest and OrderAnalyticsTest),
 * the ledger's answer comes back as it was, and a client's analytics are always its own.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class SupportForwardingTest {
    static final String ADMIN = "dev-admin";
    /** The bootstrap client's id (IntakeConfig's default), whose key is {@link OrderApiTest#KEY}. */
    static final String BOOTSTRAP_CLIENT = "00000000-0000-4000-8000-000000000001";

    @Test
    void theAdminSupportCallsNeedTheAdminKey() {
        given().get("/admin/v1/orders/{id}/states", "o-1").then().statusCode(401);
        given().header("X-ADMIN-KEY", "wrong").contentType(ContentType.JSON).body("{}")
                .post("/admin/v1/rebuilds").then().statusCode(401);
        given().header("X-API-KEY", OrderApiTest.KEY).contentType(ContentType.JSON).body("{}")
                .post("/admin/v1/replays").then().statusCode(401);
        given().get("/admin/v1/analytics").then().statusCode(401);
    }

    @Test
    void eachAdminCallIsForwardedToItsLedgerEndpoint() {
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/orders/{id}/states", "o-1").then().statusCode(200);
        assertForwarded("GET", "/internal/v1/orders/o-1/states", null);

        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("scope", "range", "from", "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z"))
                .post("/admin/v1/rebuilds").then().statusCode(200);
        assertForwarded("POST", "/internal/v1/rebuilds", null);
        assertThat(LedgerStub.lastForwarded().body().path("scope").asText()).isEqualTo("range");
        assertThat(LedgerStub.lastForwarded().body().path("to").asText()).isEqualTo("2026-02-01T00:00:00Z");

        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/rebuilds/{id}", "r-1").then().statusCode(200);
        assertForwarded("GET", "/internal/v1/rebuilds/r-1", null);
        given().header("X-ADMIN-KEY", ADMIN).post("/admin/v1/rebuilds/{id}/swap", "r-1").then().statusCode(200);
        assertForwarded("POST", "/internal/v1/rebuilds/r-1/swap", null);

        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("requiredValidators", List.of("data", "files")))
                .post("/admin/v1/what-if").then().statusCode(200);
        assertForwarded("POST", "/internal/v1/what-if", null);
        assertThat(LedgerStub.lastForwarded().body().path("requiredValidators").toString())
                .isEqualTo("[\"data\",\"files\"]");

        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("topic", "orders.validation", "partition", 1, "fromOffset", 42))
                .post("/admin/v1/replays").then().statusCode(200);
        assertForwarded("POST", "/internal/v1/replays", null);
        assertThat(LedgerStub.lastForwarded().body().path("fromOffset").asLong()).isEqualTo(42);

        given().header("X-ADMIN-KEY", ADMIN).queryParam("clientId", "c 1").queryParam("from", "2026-01-01")
                .queryParam("to", "2026-01-31").get("/admin/v1/analytics").then().statusCode(200);
        assertForwarded("GET", "/internal/v1/analytics", "clientId=c+1&from=2026-01-01&to=2026-01-31");
        given().header("X-ADMIN-KEY", ADMIN).queryParam("from", "2026-01-01").queryParam("to", "2026-01-31")
                .get("/admin/v1/analytics").then().statusCode(200);
        assertForwarded("GET", "/internal/v1/analytics", "from=2026-01-01&to=2026-01-31");
    }

    @Test
    void theLedgersAnswerComesBackAsItWas() {
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/rebuilds/{id}", LedgerStub.MISSING).then()
                .statusCode(404).body("code", equalTo(404))
                .body("message", equalTo("Rebuild '" + LedgerStub.MISSING + "' not found"));
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/rebuilds/{id}", "bad id!").then().statusCode(404);
    }

    @Test
    void aClientsAnalyticsAreItsOwn() {
        given().header("X-API-KEY", OrderApiTest.KEY).queryParam("clientId", "someone-else")
                .queryParam("from", "2026-01-01").queryParam("to", "2026-01-31")
                .get("/v1/analytics").then().statusCode(200);
        assertForwarded("GET", "/internal/v1/analytics",
                "clientId=" + BOOTSTRAP_CLIENT + "&from=2026-01-01&to=2026-01-31");
        given().queryParam("from", "2026-01-01").get("/v1/analytics").then().statusCode(401);
    }

    static void assertForwarded(String method, String path, String query) {
        LedgerStub.Forwarded forwarded = LedgerStub.lastForwarded();
        assertThat(forwarded.method()).isEqualTo(method);
        assertThat(forwarded.path()).isEqualTo(path);
        assertThat(forwarded.query()).isEqualTo(query);
    }
}
