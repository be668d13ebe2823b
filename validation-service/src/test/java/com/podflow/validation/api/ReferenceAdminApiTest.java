package com.podflow.validation.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.validation.persistence.ReferenceFiles;

/** The admin API over the reference data, on a real PostgreSQL: auth, validation naming the field, 404, round trips. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class ReferenceAdminApiTest {
    static final String SEED_CARD = "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor";

    @Inject
    ReferenceFiles files;

    static RequestSpecification admin() {
        return given().header("X-ADMIN-KEY", "dev-admin").contentType("application/json");
    }

    @Test
    void withoutTheAdminKeyTheApiAnswers401() {
        given().get("/admin/v1/products").then().statusCode(401)
                .body("code", equalTo(401)).body("message", equalTo("Missing or wrong X-ADMIN-KEY header"));
        given().header("X-ADMIN-KEY", "dev-admix").get("/admin/v1/products").then().statusCode(401);
        given().header("X-ADMIN-KEY", "dev-admin").contentType("application/json").body("{}")
                .put("/admin/v1/products/x").then().statusCode(400);
    }

    @Test
    void theShippedCatalogIsLoadedWithSizesFromTheUid() {
        admin().get("/admin/v1/products/" + SEED_CARD).then().statusCode(200)
                .body("uid", equalTo(SEED_CARD)).body("widthMm", equalTo(297)).body("heightMm", equalTo(210))
                .body("minDpi", equalTo(300));
        admin().get("/admin/v1/shipment-methods").then().statusCode(200)
                .body("uid", hasItem("normal")).body("uid", hasItem("standard")).body("uid", hasItem("fed_ex_2_day"))
                .body("uid", hasItem("dhl_global_parcel"));
        admin().get("/admin/v1/facilities/se-stockholm-1").then().statusCode(200).body("country", equalTo("SE"));
        admin().queryParam("clientId", "00000000-0000-4000-8000-000000000001").get("/admin/v1/customer-products")
                .then().statusCode(200).body("productName", hasItem("Framed Poster"));
    }

    @Test
    void unknownKeysAnswer404() {
        admin().get("/admin/v1/products/no-such-product").then().statusCode(404)
                .body("message", equalTo("No product \"no-such-product\""));
        admin().get("/admin/v1/shipment-methods/carrier-pigeon").then().statusCode(404);
        admin().get("/admin/v1/facilities/atlantis-1").then().statusCode(404);
        admin().delete("/admin/v1/products/no-such-product").then().statusCode(404);
    }

    @Test
    void anInvalidEntryAnswers400NamingTheField() {
        admin().body("""
                { "name": "Card", "widthMm": 100, "heightMm": 150, "bleedMm": 3, "minDpi": 0, "fileTypes": ["default"] }
                """).put("/admin/v1/products/test-card").then().statusCode(400)
                .body("message", containsString("minDpi"));
        admin().body("""
                { "name": "Slow", "carrier": "Snail", "tier": "slow", "price": 1, "currency": "EUR",
                  "minDeliveryDays": 1, "maxDeliveryDays": 9 }
                """).put("/admin/v1/shipment-methods/slow").then().statusCode(400)
                .body("message", containsString("tier must be one of [normal, express]"));
        admin().body("{ \"name\": \"F\", \"country\": \"Sweden\", \"products\": [\"x\"] }")
                .put("/admin/v1/facilities/f-1").then().statusCode(400)
                .body("message", containsString("country must be an ISO 3166-1 alpha-2 code"));
        admin().body("{ \"name\": \"Card\", \"widthMm\": \"wide\" }").put("/admin/v1/products/test-card").then()
                .statusCode(400).body("message", containsString("widthMm"));
        admin().body("{ \"uid\": \"other\", \"name\": \"Card\" }").put("/admin/v1/products/test-card").then()
                .statusCode(400).body("message", containsString("differs from the path"));
    }

    @Test
    void aProductCanBeCreatedReplacedAndDeleted() {
        // given
        String uid = "test-card-" + UUID.randomUUID();
        String body = """
                { "name": "Square card", "category": "flat-cards", "widthMm": 140, "heightMm": 140, "bleedMm": 3,
                  "minDpi": 300, "fileTypes": ["default", "back"], "minQuantity": 1, "maxQuantity": %d,
                  "available": true, "notShippedTo": ["br"] }""";

        // when / then
        admin().body(body.formatted(100)).put("/admin/v1/products/" + uid).then().statusCode(200)
                .body("uid", equalTo(uid)).body("notShippedTo[0]", equalTo("BR"));
        admin().body(body.formatted(250)).put("/admin/v1/products/" + uid).then().statusCode(200);
        admin().get("/admin/v1/products/" + uid).then().statusCode(200).body("maxQuantity", equalTo(250));
        admin().delete("/admin/v1/products/" + uid).then().statusCode(204);
        admin().get("/admin/v1/products/" + uid).then().statusCode(404);
    }

    @Test
    void reloadingTheFilesRestoresTheirEntriesAndAddsNothing() {
        // given an operator's change to a shipped entry
        String a2 = "large-posters_pf_a2_pt_200-gsm-matte_cl_4-0_ver";
        int products = admin().get("/admin/v1/products").then().extract().path("size()");
        String changed = admin().get("/admin/v1/products/" + a2).then().extract().asString()
                .replace("\"maxQuantity\":50", "\"maxQuantity\":7");
        admin().body(changed).put("/admin/v1/products/" + a2).then().statusCode(200).body("maxQuantity", equalTo(7));

        // when the service starts again (it loads the files the same way)
        files.load().await().atMost(Duration.ofSeconds(30));

        // then the file's value is back, and loading twice added no entries
        admin().get("/admin/v1/products/" + a2).then().statusCode(200).body("maxQuantity", equalTo(50))
                .body("widthMm", equalTo(420)).body("heightMm", equalTo(594));
        admin().get("/admin/v1/products").then().body("size()", equalTo(products));
    }

    @Test
    void aCustomerProductCanBeConnectedLater() {
        // given
        String client = "client-" + UUID.randomUUID();
        String body = """
                { "clientId": "%s", "productName": "My card", "productVariant": { "Size": "A4" }, "productUid": %s }""";

        // when / then
        admin().body(body.formatted(client, "null")).put("/admin/v1/customer-products").then().statusCode(200)
                .body("productUid", nullValue());
        admin().body(body.formatted(client, "\"" + SEED_CARD + "\"")).put("/admin/v1/customer-products").then()
                .statusCode(200);
        admin().queryParam("clientId", client).get("/admin/v1/customer-products").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].productUid", equalTo(SEED_CARD));
        admin().get("/admin/v1/customer-products").then().statusCode(400)
                .body("message", containsString("clientId"));
    }
}
