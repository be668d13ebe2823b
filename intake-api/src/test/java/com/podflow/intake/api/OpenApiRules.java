package com.podflow.intake.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every operation of the Order API's OpenAPI document must have for a client to be generated from it: an
 * operationId (unique), a tag and a summary, the security requirement of its part of the API (X-API-KEY under /v1,
 * X-FACILITY-KEY under /facility, X-ADMIN-KEY under /admin) declared as a security scheme, a schema for every 2xx body, documented 4xx answers (at
 * least 401; 429 under /v1, with Retry-After) and the one error schema on every error answer but 413 (the HTTP layer
 * refuses an oversized body before the API sees it, with an empty body).
 */
final class OpenApiRules {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiRules() {
    }

    /** Every breach of the rules, as "METHOD /path: what is missing"; empty when there is none. */
    static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        JsonNode schemes = document.path("components").path("securitySchemes");
        Map<String, String> required = new HashMap<>(Map.of("ApiKey", "X-API-KEY", "AdminKey", "X-ADMIN-KEY"));
        document.path("paths").fieldNames().forEachRemaining(path -> {
            if (path.startsWith("/facility/")) {
                required.put("FacilityKey", "X-FACILITY-KEY");
            }
            if (path.startsWith("/v1/storefronts/shopify/")) {
                required.put("ShopifyHmac", "X-Shopify-Hmac-Sha256");
            }
            if (path.startsWith("/v1/storefronts/woocommerce/")) {
                required.put("WooCommerceSignature", "X-WC-Webhook-Signature");
            }
        });
        for (Map.Entry<String, String> scheme : required.entrySet()) {
            JsonNode declared = schemes.path(scheme.getKey());
            if (!declared.path("type").asText().equals("apiKey") || !declared.path("in").asText().equals("header")
                    || !declared.path("name").asText().equals(scheme.getValue())) {
                problems.add("security scheme " + scheme.getKey() + " is not the " + scheme.getValue() + " header");
            }
        }
        if (document.path("servers").isEmpty()) {
            problems.add("no servers");
        }
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (METHODS.contains(entry.getKey())) {
                check(document, path.getKey(), entry.getKey(), entry.getValue(), operationIds, problems);
            }
        }));
        return problems;
    }

    private static void check(JsonNode document, String path, String method, JsonNode operation,
            Set<String> operationIds, List<String> problems) {
        String where = method.toUpperCase() + " " + path + ": ";
        String operationId = operation.path("operationId").asText("");
        if (operationId.isBlank()) {
            problems.add(where + "no operationId");
        } else if (!operationIds.add(operationId)) {
            problems.add(where + "operationId " + operationId + " is used twice");
        }
        if (operation.path("tags").isEmpty()) {
            problems.add(where + "no tag");
        }
        if (operation.path("summary").asText("").isBlank()) {
            problems.add(where + "no summary");
        }
        boolean admin = path.startsWith("/admin/");
        String scheme = admin ? "AdminKey" : path.startsWith("/facility/") ? "FacilityKey" : "ApiKey";
        if (path.startsWith("/v1/storefronts/shopify/")) {
            scheme = "ShopifyHmac"; // signed by the store (ADR 40)
        } else if (path.startsWith("/v1/storefronts/woocommerce/")) {
            scheme = "WooCommerceSignature";
        }
        JsonNode security = operation.path("security");
        if (security.size() != 1 || !security.get(0).has(scheme)) {
            problems.add(where + "does not require " + scheme);
        }
        JsonNode responses = operation.path("responses");
        boolean success = false;
        for (var response = responses.fields(); response.hasNext();) {
            var entry = response.next();
            String code = entry.getKey();
            JsonNode answer = resolve(document, entry.getValue());
            JsonNode schema = answer.path("content").path("application/json").path("schema");
            if (code.startsWith("2")) {
                success = true;
                if (!code.equals("204") && schema.isMissingNode()) {
                    problems.add(where + code + " has no schema");
                }
            } else if (code.matches("[45]\\d\\d") && !code.equals("413")
                    && !schema.path("$ref").asText().equals("#/components/schemas/ApiError")
                    // the channels' refusals: ApiError's fields, plus the stage and each problem's stage and line
                    && !schema.path("$ref").asText().equals("#/components/schemas/ChannelError")) {
                problems.add(where + code + " is not the error schema");
            }
        }
        if (!success) {
            problems.add(where + "no 2xx answer");
        }
        List<String> documented = new ArrayList<>();
        responses.fieldNames().forEachRemaining(documented::add);
        for (String code : admin ? List.of("401") : List.of("401", "429")) {
            if (!documented.contains(code)) {
                problems.add(where + code + " is not documented");
            }
        }
        if (!admin && resolve(document, responses.path("429")).path("headers").path("Retry-After").isMissingNode()) {
            problems.add(where + "429 has no Retry-After header");
        }
    }

    private static JsonNode resolve(JsonNode document, JsonNode response) {
        String ref = response.path("$ref").asText("");
        return ref.isEmpty() ? response : document.at(ref.substring(1));
    }
}
