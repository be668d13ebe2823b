package com.podflow.validation.messaging;

import static com.podflow.validation.messaging.ProductAndRulesFlowTest.item;
import static com.podflow.validation.messaging.ProductAndRulesFlowTest.order;
import static com.podflow.validation.messaging.ProductAndRulesFlowTest.outcome;
import static com.podflow.validation.messaging.ProductAndRulesFlowTest.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.infra.Database;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.validation.domain.ReferenceData;
import com.podflow.validation.persistence.ReferenceCache;

/**
 * The validators decide with a cached snapshot of the reference data: a change through this replica's admin API applies
 * to the very next order, a change another replica (or an operator) writes straight into the database within the check
 * interval, both without a restart.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class ReferenceCacheFlowTest {
    private static final Logger LOG = Logger.getLogger(ReferenceCacheFlowTest.class);
    static final String SEED_CARD = ValidationFlowTest.SEED_PRODUCT;

    @Inject
    ReferenceCache cache;

    @ConfigProperty(name = "validation.reference-check-interval-ms")
    long checkIntervalMs;

    ReferenceData cached() {
        return cache.current().await().atMost(Duration.ofSeconds(10));
    }

    static void putProduct(String uid, int maxQuantity) {
        given().header("X-ADMIN-KEY", "dev-admin").contentType("application/json")
                .body("""
                        { "name": "Cache card", "widthMm": 74, "heightMm": 105, "bleedMm": 2, "minDpi": 300,
                          "fileTypes": ["default"], "maxQuantity": %d }""".formatted(maxQuantity))
                .put("/admin/v1/products/" + uid).then().statusCode(200);
    }

    @Test
    void aChangeThroughTheAdminApiAppliesToTheNextOrderWithoutARestart() {
        // given a product made by one facility, at most 10 per item, and an order of 20 refused for it
        String uid = "test-cache-card-" + UUID.randomUUID();
        putProduct(uid, 10);
        given().header("X-ADMIN-KEY", "dev-admin").contentType("application/json")
                .body("""
                        { "name": "Cache facility", "country": "SE", "products": ["%s"] }""".formatted(uid))
                .put("/admin/v1/facilities/test-cache-facility-" + UUID.randomUUID()).then().statusCode(200);
        assertThat(outcome(submit(order(o -> item(o).put("productUid", uid).put("quantity", 20))), Validators.RULES))
                .isInstanceOfSatisfying(ValidationFailed.class, failed -> assertThat(failed.findings())
                        .singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(RefusalCodes.QUANTITY_LIMIT)));

        // when the operator raises the limit
        putProduct(uid, 50);

        // then the snapshot in use has it as soon as the API answered (no waiting for the periodic check) ...
        assertThat(cached().product(uid)).hasValueSatisfying(p -> assertThat(p.maxQuantity()).isEqualTo(50));
        // ... and the same order passes now
        assertThat(outcome(submit(order(o -> item(o).put("productUid", uid).put("quantity", 20))), Validators.RULES))
                .isInstanceOf(ValidationPassed.class);
    }

    @Test
    void aChangeWrittenStraightIntoTheDatabaseIsPickedUpWithinTheCheckInterval() throws SQLException {
        // given a product and a facility that another replica writes, bypassing this one's admin API
        String uid = "test-other-replica-card-" + UUID.randomUUID();
        String facility = "test-other-replica-facility-" + UUID.randomUUID();
        long versionBefore = cache.version();

        // when
        long written = writeStraightIntoTheDatabase(uid, facility);

        // then this replica uses it within one check interval and one reload (plus slack for a busy build machine)
        await().atMost(Duration.ofMillis(checkIntervalMs).plusSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> cached().product(uid).isPresent());
        LOG.infof("a change written straight into the database was in the cache after %d ms (check interval %d ms)",
                Duration.ofNanos(System.nanoTime() - written).toMillis(), checkIntervalMs);
        assertThat(cache.version()).isGreaterThan(versionBefore);
        String orderId = submit(order(o -> item(o).put("productUid", uid)));
        assertThat(outcome(orderId, Validators.PRODUCT)).isInstanceOf(ValidationPassed.class);
        assertThat(outcome(orderId, Validators.RULES)).isInstanceOfSatisfying(ValidationPassed.class,
                passed -> assertThat(passed.resolution().shipment().fulfillmentFacilityId()).isEqualTo(facility));
    }

    /** Inserts a copy of the seed card under {@code uid} and a facility making it, in one transaction. */
    static long writeStraightIntoTheDatabase(String uid, String facility) throws SQLException {
        Database db = KafkaPostgresTestResource.infra().database();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            connection.setAutoCommit(false);
            try (PreparedStatement product = connection.prepareStatement("insert into validation.products (uid, data)"
                    + " select ?, jsonb_set(data, '{uid}', to_jsonb(?::text)) from validation.products where uid = ?");
                    PreparedStatement maker = connection.prepareStatement("insert into validation.facilities (id, data)"
                            + " values (?, jsonb_build_object('id', ?::text, 'name', 'Other replica''s facility',"
                            + " 'country', 'SE', 'products', jsonb_build_array(?::text)))")) {
                product.setString(1, uid);
                product.setString(2, uid);
                product.setString(3, SEED_CARD);
                assertThat(product.executeUpdate()).isEqualTo(1);
                maker.setString(1, facility);
                maker.setString(2, facility);
                maker.setString(3, uid);
                assertThat(maker.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
            return System.nanoTime();
        }
    }
}
