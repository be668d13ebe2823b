package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import com.podflow.infra.Database;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * PostgreSQL stops while intake runs (issue 13): submissions get 503 with {@code Retry-After} and the error JSON (never
 * a 500), readiness goes down while liveness stays up, and within seconds of the database's return orders are accepted
 * again; every order that got a 201 is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaPostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "false"), restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OutagePostgres.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    static Response submit(String reference) {
        return given().header("X-API-KEY", OrderApiTest.KEY).contentType(ContentType.JSON)
                .body(OrderApiTest.seedOrder().replace("\"orderReferenceId\": \"test\"",
                        "\"orderReferenceId\": \"" + reference + "\""))
                .post("/v1/orders");
    }

    @Test
    void aDatabaseOutageIsA503AndIntakeRecoversWhenItReturns() throws SQLException {
        List<String> accepted = new ArrayList<>();
        String run = "outage-" + System.nanoTime();
        accepted.add(submit(run + "-before").then().statusCode(201).extract().path("id"));

        OutagePostgres.down();
        try {
            Response refused = submit(run + "-during");
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(refused.jsonPath().getString("message")).startsWith("Service temporarily unavailable");
            given().get("/q/health/ready").then().statusCode(503);
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            OutagePostgres.up();
        }

        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response again = submit(run + "-after-" + System.nanoTime());
            assertThat(again.statusCode()).as(again.asString()).isIn(201, 503);
            if (again.statusCode() == 201) {
                accepted.add(again.path("id"));
                return true;
            }
            return false;
        });
        System.out.printf("intake accepted orders again %d ms after PostgreSQL returned%n",
                Duration.ofNanos(System.nanoTime() - back).toMillis());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Response ready = given().get("/q/health/ready");
            assertThat(ready.statusCode()).as(ready.asString()).isEqualTo(200);
        });

        Database db = OutagePostgres.database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement count = c.prepareStatement("select count(*) from intake.orders where id = any(?)")) {
            count.setArray(1, c.createArrayOf("text", accepted.toArray()));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("orders answered 201").isEqualTo(accepted.size());
            }
        }
    }
}
