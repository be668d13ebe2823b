package com.podflow.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;

/** The rules an OpenAPI document of the Order API is held to, on a small document with one breach at a time. */
class OpenApiRulesTest {

    private static ObjectNode complete() throws Exception {
        return (ObjectNode) EventJson.mapper().readTree("""
                {"servers": [{"url": "http://127.0.0.1:8080"}],
                 "components": {
                   "securitySchemes": {
                     "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-KEY"},
                     "AdminKey": {"type": "apiKey", "in": "header", "name": "X-ADMIN-KEY"}},
                   "responses": {"TooManyRequests": {"description": "slow down",
                     "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                     "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}}}},
                 "paths": {"/v1/orders/{id}": {"get": {
                   "operationId": "getOrder", "tags": ["Orders"], "summary": "Get an order",
                   "security": [{"ApiKey": []}],
                   "responses": {
                     "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}},
                     "401": {"description": "who?",
                       "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}},
                     "429": {"$ref": "#/components/responses/TooManyRequests"}}}}}}
                """);
    }

    @Test
    void aCompleteDocumentHasNoProblems() throws Exception {
        assertThat(OpenApiRules.problems(complete())).isEmpty();
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource(delimiter = '|', value = {
            "/paths/~1v1~1orders~1{id}/get/operationId                 | GET /v1/orders/{id}: no operationId",
            "/paths/~1v1~1orders~1{id}/get/security                    | GET /v1/orders/{id}: does not require ApiKey",
            "/paths/~1v1~1orders~1{id}/get/responses/200/content       | GET /v1/orders/{id}: 200 has no schema",
            "/paths/~1v1~1orders~1{id}/get/responses/401               | GET /v1/orders/{id}: 401 is not documented",
            "/paths/~1v1~1orders~1{id}/get/responses/429               | GET /v1/orders/{id}: 429 is not documented",
            "/paths/~1v1~1orders~1{id}/get/responses/401/content       | GET /v1/orders/{id}: 401 is not the error schema",
            "/components/responses/TooManyRequests/headers             | GET /v1/orders/{id}: 429 has no Retry-After",
            "/components/securitySchemes/ApiKey                        | security scheme ApiKey is not the X-API-KEY"})
    void anOperationLackingSomethingIsAProblem(String pointer, String problem) throws Exception {
        // given
        ObjectNode document = complete();
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) document.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));

        // when
        var problems = OpenApiRules.problems(document);

        // then
        assertThat(problems).anySatisfy(found -> assertThat(found).startsWith(problem));
    }

    @Test
    void anAdminOperationNeedsTheAdminKey() throws Exception {
        ObjectNode document = complete();
        JsonNode operation = document.path("paths").path("/v1/orders/{id}");
        ((ObjectNode) document.path("paths")).set("/admin/v1/clients/{id}", operation);
        ((ObjectNode) document.path("paths")).remove("/v1/orders/{id}");
        ((ObjectNode) document.at("/paths/~1admin~1v1~1clients~1{id}/get")).put("operationId", "getClient");

        assertThat(OpenApiRules.problems(document)).containsExactly(
                "GET /admin/v1/clients/{id}: does not require AdminKey");
    }

    @Test
    void aFacilityOperationNeedsTheFacilityKeyDeclared() throws Exception {
        ObjectNode document = complete();
        JsonNode operation = document.path("paths").path("/v1/orders/{id}");
        ((ObjectNode) document.path("paths")).set("/facility/v1/orders/{id}", operation);
        ((ObjectNode) document.path("paths")).remove("/v1/orders/{id}");

        assertThat(OpenApiRules.problems(document)).containsExactlyInAnyOrder(
                "security scheme FacilityKey is not the X-FACILITY-KEY header",
                "GET /facility/v1/orders/{id}: does not require FacilityKey");
    }
}
