package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.infra.KafkaPostgresTestResource;

/** Customers under a client: the admin and client APIs, isolation, and the customer in an order's metadata. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class CustomerApiTest {
    static final String ADMIN = "dev-admin";

    @Test
    void anOperatorRegistersACustomerAndTheClientReadsIt() {
        Map<String, String> client = ApiHygieneTest.newClient("Platform");
        String key = client.get("apiKey");

        String id = given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("customerReferenceId", "sandbox-customer", "name", "Sandbox Shop", "email",
                        "orders@sandbox.example"))
                .post("/admin/v1/clients/{id}/customers", client.get("id"))
                .then().statusCode(201)
                .body("clientId", equalTo(client.get("id")))
                .body("customerReferenceId", equalTo("sandbox-customer"))
                .extract().path("id");

        given().header("X-API-KEY", key).get("/v1/customers").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(id));
        given().header("X-API-KEY", key).get("/v1/customers/sandbox-customer").then().statusCode(200)
                .body("id", equalTo(id)).body("email", equalTo("orders@sandbox.example"));
        given().header("X-API-KEY", key).get("/v1/customers/{id}", id).then().statusCode(200)
                .body("customerReferenceId", equalTo("sandbox-customer"));
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/clients/{id}/customers", client.get("id"))
                .then().statusCode(200).body("customerReferenceId", equalTo(List.of("sandbox-customer")));
    }

    @Test
    void aClientRegistersItsOwnCustomersAndNeverSeesAnotherClients() {
        String mine = ApiHygieneTest.newClient("Mine").get("apiKey");
        String theirs = ApiHygieneTest.newClient("Theirs").get("apiKey");
        String theirId = given().header("X-API-KEY", theirs).contentType(ContentType.JSON)
                .body("{\"customerReferenceId\": \"shop-1\"}").post("/v1/customers")
                .then().statusCode(201).extract().path("id");

        given().header("X-API-KEY", mine).get("/v1/customers").then().statusCode(200).body("", hasSize(0));
        given().header("X-API-KEY", mine).get("/v1/customers/{id}", theirId).then().statusCode(404);
        given().header("X-API-KEY", mine).get("/v1/customers/shop-1").then().statusCode(404);
        given().header("X-API-KEY", mine).contentType(ContentType.JSON)
                .body("{\"customerReferenceId\": \"shop-1\"}").post("/v1/customers")
                .then().statusCode(201); // the same reference is free for another client
    }

    @Test
    void aSecondCustomerWithTheSameReferenceIs409NamingTheFirst() {
        String key = ApiHygieneTest.newClient("Twice").get("apiKey");
        String first = given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"customerReferenceId\": \"twice\"}").post("/v1/customers")
                .then().statusCode(201).extract().path("id");

        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"customerReferenceId\": \" twice \"}").post("/v1/customers")
                .then().statusCode(409).body("message", equalTo("Customer 'twice' already exists (id " + first + ")"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{}`                                              | customerReferenceId is required",
            "`{\"customerReferenceId\": \"  \"}`               | customerReferenceId is required",
            "`{\"customerReferenceId\": \"a\", \"email\": \"x\"}` | email is not a valid e-mail address",
            "`{\"customerReferenceId\": \"a\\u0007b\"}`        | customerReferenceId must be at most 255 characters",
            "`{\"customerReferenceId\": 5, \"name\": []}`      | name",
            "`[]`                                              | The request body must be a JSON object"})
    void aBadCustomerIs400NamingTheField(String body, String message) {
        String key = OrderApiTest.KEY;
        given().header("X-API-KEY", key).contentType(ContentType.JSON).body(body.trim()).post("/v1/customers")
                .then().statusCode(400).body("message", containsString(message.trim()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "?limit=0      | limit must be a whole number from 1 to 100",
            "?limit=x      | limit must be a whole number from 1 to 100",
            "?offset=-5    | offset must be a whole number from 0 up"})
    void badPagingIs400NamingTheParameter(String query, String message) {
        given().header("X-API-KEY", OrderApiTest.KEY).get("/v1/customers" + query.trim())
                .then().statusCode(400).body("message", equalTo(message.trim()));
    }

    @Test
    void operatorsGet404ForAnUnknownClient() {
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON).body("{\"customerReferenceId\": \"x\"}")
                .post("/admin/v1/clients/no-such-client/customers")
                .then().statusCode(404).body("message", equalTo("Client 'no-such-client' not found"));
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/clients/no-such-client/customers")
                .then().statusCode(404);
    }

    @Test
    void anOrderForARegisteredCustomerCarriesTheCustomerInItsMetadata() throws Exception {
        String key = ApiHygieneTest.newClient("Broker").get("apiKey");
        String customerId = given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"customerReferenceId\": \"poster-store\"}").post("/v1/customers")
                .then().statusCode(201).extract().path("id");
        ObjectNode order = OrderCommandsTest.order("customer");
        order.put("customerReferenceId", "poster-store");
        order.putArray("metadata").addObject().put("key", "campaign").put("value", "winter");
        ObjectNode unregistered = OrderCommandsTest.order("unregistered");
        unregistered.put("customerReferenceId", "somebody-else");

        String id = given().header("X-API-KEY", key).contentType(ContentType.JSON).body(order.toString())
                .post("/v1/orders").then().statusCode(201).extract().path("id");
        String other = given().header("X-API-KEY", key).contentType(ContentType.JSON).body(unregistered.toString())
                .post("/v1/orders").then().statusCode(201).extract().path("id");

        List<Map<String, String>> metadata = given().header("X-API-KEY", key).get("/v1/orders/{id}", id)
                .then().statusCode(200).extract().path("metadata");
        assertThat(metadata).containsExactly(Map.of("key", "campaign", "value", "winter"),
                Map.of("key", "tenant-customer-id", "value", customerId),
                Map.of("key", "tenant-customer-uid", "value", "poster-store"));
        given().header("X-API-KEY", key).get("/v1/orders/{id}", other).then().statusCode(200)
                .body("customerReferenceId", equalTo("somebody-else"))
                .body("metadata", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void fullMetadataIsLeftAsTheClientSentIt() throws Exception {
        String key = ApiHygieneTest.newClient("Full").get("apiKey");
        given().header("X-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"customerReferenceId\": \"full\"}").post("/v1/customers").then().statusCode(201);
        ObjectNode order = OrderCommandsTest.order("full");
        order.put("customerReferenceId", "full");
        ArrayNode metadata = order.putArray("metadata");
        for (int i = 0; i < 50; i++) {
            metadata.addObject().put("key", "k" + i).put("value", "v");
        }

        String id = given().header("X-API-KEY", key).contentType(ContentType.JSON).body(order.toString())
                .post("/v1/orders").then().statusCode(201).extract().path("id");

        given().header("X-API-KEY", key).get("/v1/orders/{id}", id).then().statusCode(200)
                .body("metadata", hasSize(50));
    }
}
