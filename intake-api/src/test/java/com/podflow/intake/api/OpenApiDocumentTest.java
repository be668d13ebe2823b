package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.podflow.events.EventJson;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * The OpenAPI document the API serves (/q/openapi) is a contract a client can be generated from
 * ({@link OpenApiRules}), and it is the one checked in (openapi/order-api.yaml), from which the build generates the Java
 * client of {@link GeneratedClientTest} and against which every answer of the API tests is checked. After a change of
 * the API, {@code ./mvnw verify -pl intake-api -Dopenapi.update} writes the served document over the checked-in one.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class OpenApiDocumentTest {

    @Test
    void everyOperationHasAnIdASecurityRequirementASchemaForItsBodyAndItsErrorsDocumented() throws Exception {
        // when
        String served = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();

        // then
        JsonNode document = EventJson.mapper().readTree(served);
        assertThat(OpenApiRules.problems(document)).isEmpty();
        assertThat(document.path("paths").has("/v1/orders:search")).as("the API reference's search path").isTrue();
    }

    @Test
    void theCheckedInDocumentIsTheOneTheApiServes() throws Exception {
        // given
        String served = given().accept("application/yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();

        // when
        if (System.getProperty("openapi.update") != null) {
            Files.writeString(OpenApiValidation.DOCUMENT, served);
        }

        // then (as data: the build's stored copy, target/openapi/openapi.yaml, orders keys differently)
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertThat(yaml.readTree(Files.readString(OpenApiValidation.DOCUMENT)))
                .as("%s is not the document the API serves; after a change of the API, update it with"
                        + " ./mvnw verify -pl intake-api -Dopenapi.update", OpenApiValidation.DOCUMENT)
                .isEqualTo(yaml.readTree(served));
    }
}
