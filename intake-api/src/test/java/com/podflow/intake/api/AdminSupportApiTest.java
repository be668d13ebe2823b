package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.podflow.infra.KafkaPostgresTestResource;

/** GET /admin/v1/orders/stalled: operators only, the ledger's answer passed on, bad paging a 400 naming the field. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class AdminSupportApiTest {
    static final String ADMIN = "dev-admin";

    @Test
    void operatorsSeeTheLedgersStalledOrdersWithWhatTheyWaitFor() {
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/orders/stalled?limit=20&offset=40")
                .then().statusCode(200)
                .body("orders[0].id", equalTo("stalled-limit=20&offset=40"))
                .body("orders[0].waitingFor[0].input", equalTo("validator"))
                .body("orders[0].waitingFor[0].source", equalTo("files"));
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/orders/stalled")
                .then().statusCode(200).body("orders[0].id", equalTo("stalled-limit=100&offset=0"));
    }

    @Test
    void withoutTheAdminKeyItIs401() {
        given().get("/admin/v1/orders/stalled").then().statusCode(401);
        given().header("X-ADMIN-KEY", "wrong").get("/admin/v1/orders/stalled").then().statusCode(401);
    }

    @Test
    void badPagingIsA400NamingTheField() {
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/orders/stalled?limit=0")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/orders/stalled?offset=x")
                .then().statusCode(400).body("errors[0].field", equalTo("offset"));
    }
}
