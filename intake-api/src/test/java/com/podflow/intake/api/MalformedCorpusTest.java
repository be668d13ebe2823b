package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * A generated corpus of malformed submissions (wrong types, missing and extra fields, huge strings, bad JSON, wrong
 * encodings): none may answer 5xx, and every refusal says what is wrong in the API's error JSON.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class MalformedCorpusTest {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One malformed request: a name, its body and content type. */
    record Case(String name, byte[] body, String contentType) {}

    /** The seed order under a reference of its own, so that valid cases never collide with other tests' orders. */
    static ObjectNode seed() throws Exception {
        ObjectNode order = (ObjectNode) EventJson.mapper().readTree(OrderApiTest.seedOrder());
        order.put("orderReferenceId", "corpus-" + System.nanoTime());
        return order;
    }

    /** Every path to a member of the seed order, objects and leaves, e.g. {@code /items/0/files/0/url}. */
    static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                var e = it.next();
                String path = prefix + "/" + e.getKey();
                paths.add(path);
                paths.addAll(paths(e.getValue(), path));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String path = prefix + "/" + i;
                paths.add(path);
                paths.addAll(paths(node.get(i), path));
            }
        }
        return paths;
    }

    static ObjectNode with(String path, JsonNode value) throws Exception {
        ObjectNode order = seed();
        order.put("orderReferenceId", "corpus-" + System.nanoTime());
        String parentPath = path.substring(0, path.lastIndexOf('/'));
        String last = path.substring(path.lastIndexOf('/') + 1);
        JsonNode parent = parentPath.isEmpty() ? order : order.at(parentPath);
        if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if (value == null) {
                array.remove(Integer.parseInt(last));
            } else {
                array.set(Integer.parseInt(last), value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return order;
    }

    static List<Case> corpus() throws Exception {
        List<Case> cases = new ArrayList<>();
        String seed = seed().toString();
        Map<String, JsonNode> replacements = new LinkedHashMap<>();
        replacements.put("null", NODES.nullNode());
        replacements.put("number", NODES.numberNode(-12345.678));
        replacements.put("huge number", NODES.numberNode(new java.math.BigDecimal("1e400")));
        replacements.put("text", NODES.textNode("not what was expected"));
        replacements.put("empty text", NODES.textNode(""));
        replacements.put("huge text", NODES.textNode("x".repeat(100_000)));
        replacements.put("control characters", NODES.textNode("a\u0000b\u0007c\u202Ed"));
        replacements.put("boolean", NODES.booleanNode(true));
        replacements.put("array", NODES.arrayNode().add(1).add("two"));
        replacements.put("object", NODES.objectNode().put("unexpected", 1));
        replacements.put("zero", NODES.numberNode(0));
        replacements.put("emoji and right-to-left text", NODES.textNode("\uD83D\uDE00 \u05E9\u05DC\u05D5\u05DD"));
        replacements.put("array of nulls", NODES.arrayNode().addNull().addNull());
        ArrayNode longArray = NODES.arrayNode();
        for (int i = 0; i < 2000; i++) {
            longArray.add(i);
        }
        replacements.put("long array", longArray);
        for (String path : paths(seed(), "")) {
            cases.add(json("missing " + path, with(path, null)));
            for (var r : replacements.entrySet()) {
                cases.add(json(r.getKey() + " at " + path, with(path, r.getValue())));
            }
        }
        // extra fields, at every level
        for (String path : List.of("", "/shippingAddress", "/items/0", "/items/0/files/0")) {
            ObjectNode order = seed();
            ((ObjectNode) (path.isEmpty() ? order : order.at(path))).put("unknownField", "ignored");
            cases.add(json("extra field at " + path, order));
        }
        // broken JSON: the seed cut off at many places, and other syntax errors
        for (int cut = 1; cut < seed.length(); cut += 13) {
            cases.add(raw("cut at " + cut, seed.substring(0, cut)));
        }
        for (String body : List.of("", " ", "{", "}", "[]", "[{}]", "null", "true", "42", "\"order\"", "{,}",
                "{\"a\":}", "{'single': 'quotes'}", "{\"a\":1}}", seed + "garbage", seed + seed, "{\"a\":NaN}",
                "{\"items\":[1,2,]}", "/* comment */ " + seed, "{\"a\":\"\\uZZZZ\"}")) {
            cases.add(raw("syntax: " + body.substring(0, Math.min(30, body.length())), body));
        }
        cases.add(raw("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000)));
        cases.add(raw("nested objects 3000 deep", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        // wrong encodings
        cases.add(new Case("invalid UTF-8", concat(seed.substring(0, 40), new byte[]{(byte) 0xC3, (byte) 0x28},
                seed.substring(40)), "application/json"));
        cases.add(new Case("UTF-16", seed.getBytes(StandardCharsets.UTF_16), "application/json"));
        cases.add(new Case("Latin-1 umlaut", seed.replace("My first name", "Jörg").getBytes(
                StandardCharsets.ISO_8859_1), "application/json"));
        cases.add(new Case("byte order mark", concat("", new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, seed),
                "application/json"));
        cases.add(new Case("binary", new byte[]{0, 1, 2, 3, (byte) 0xFF, (byte) 0xFE}, "application/json"));
        // wrong content types
        for (String type : List.of("text/plain", "application/xml", "text/csv",
                "multipart/form-data; boundary=x")) {
            cases.add(new Case("content type " + type, seed.getBytes(StandardCharsets.UTF_8), type));
        }
        return cases;
    }

    static Case json(String name, JsonNode body) {
        return new Case(name, body.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static Case raw(String name, String body) {
        return new Case(name, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] c = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    @Test
    void noMalformedRequestGetsA5xxAndEveryRefusalExplainsItself() throws Exception {
        // given
        List<Case> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);

        // when
        List<String> serverErrors = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        int refused = 0;
        for (Case c : corpus) {
            Response response = given().header("X-API-KEY", OrderApiTest.KEY)
                    .contentType(c.contentType()).body(c.body())
                    .post("/v1/orders");
            int status = response.statusCode();
            if (status >= 500) {
                serverErrors.add(c.name() + " -> " + status + " " + response.asString());
            } else if (status >= 400) {
                refused++;
                String message = response.jsonPath().getString("message");
                if (message == null || message.isBlank() || response.jsonPath().getInt("code") != status) {
                    unexplained.add(c.name() + " -> " + status + " " + response.asString());
                }
            }
        }

        // then
        assertThat(serverErrors).as("requests answered with 5xx").isEmpty();
        assertThat(unexplained).as("refusals without the error JSON").isEmpty();
        assertThat(refused).as("refused requests").isGreaterThan(corpus.size() / 2);
    }
}
