package com.podflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * The AsyncAPI document (doc/asyncapi.yaml, ADR 21) names every event type of the code, with a payload that references
 * its checked-in schema, and only topics of {@link Topics}. Run it after adding an event type or a topic: it names
 * what the document lacks.
 */
class AsyncApiDocumentTest {
    static final Path DOCUMENT = Path.of("../doc/asyncapi.yaml");

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventSchemas.BASE_URI,
                    PublishedSchemasTest.SCHEMAS.toAbsolutePath().toUri().toString())));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    }

    @Test
    void isAnAsyncApiThreeDocument() {
        assertThat(document.path("asyncapi").asText()).startsWith("3.");
        assertThat(document.path("servers").size()).isGreaterThanOrEqualTo(1);
        assertThat(document.path("operations").size()).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0} is a message on a channel")
    @EnumSource(EventType.class)
    void everyEventTypeIsAMessageWhosePayloadReferencesItsSchemaFile(EventType type) {
        assumeTrue(type.travelsOnATopic(), type.wireName() + " is only in the ledger's event log");
        // given
        String schemaFile = EventSchemas.fileName(type, type.version());

        // when
        Map.Entry<String, JsonNode> message = messages().stream()
                .filter(m -> type.wireName().equals(m.getValue().path("name").asText()))
                .findFirst()
                .orElse(null);

        // then
        assertThat(message).as("a message named %s in components.messages of %s", type.wireName(), DOCUMENT)
                .isNotNull();
        List<String> refs = refs(message.getValue().path("payload"));
        assertThat(refs).as("the payload of %s references %s", message.getKey(), schemaFile)
                .anyMatch(ref -> ref.endsWith("/" + schemaFile));
        String messageRef = "#/components/messages/" + message.getKey();
        assertThat(channelMessageRefs()).as("a channel carries %s", message.getKey()).contains(messageRef);
    }

    @ParameterizedTest(name = "{0}'s fixture passes its message's payload")
    @EnumSource(EventType.class)
    void aConsumerReadingOnlyTheDocumentAcceptsTheStoredRecords(EventType type) throws IOException {
        assumeTrue(type.travelsOnATopic(), type.wireName() + " is only in the ledger's event log");
        // given the message's payload schema as a consumer takes it from the document (refs relative to it)
        JsonNode payload = messages().stream()
                .filter(m -> type.wireName().equals(m.getValue().path("name").asText()))
                .findFirst()
                .orElseThrow()
                .getValue()
                .path("payload")
                .path("schema");
        JsonSchema schema = FACTORY.getSchema(DOCUMENT.toAbsolutePath().normalize().toUri(), payload, CONFIG);
        JsonNode stored = EventJson.mapper()
                .readTree(PublishedSchemasTest.FIXTURES.resolve(EventSchemas.fileName(type, type.version())).toFile());
        ObjectNode withoutOrderId = stored.deepCopy();
        ((ObjectNode) withoutOrderId.get("data")).remove("orderId");
        ObjectNode otherType = stored.deepCopy();
        otherType.put("type", "order.something-else");

        // then
        assertThat(schema.validate(stored)).isEmpty();
        assertThat(schema.validate(withoutOrderId)).as("data checked against %s", type.wireName()).isNotEmpty();
        assertThat(schema.validate(otherType)).as("the message is of one type only").isNotEmpty();
    }

    @Test
    void everyFileTheDocumentReferencesExists() {
        List<String> files = refs(document).stream().filter(ref -> !ref.startsWith("#")).distinct().toList();

        assertThat(files).isNotEmpty();
        assertThat(files).allSatisfy(ref -> assertThat(DOCUMENT.getParent().resolve(ref.replaceAll("#.*", "")))
                .as("the file %s referenced by %s", ref, DOCUMENT)
                .exists());
    }

    @Test
    void everyMessageWithoutAnEventTypeIsMarkedAsWorkInProgressOrIsTheDeadLetter() {
        Set<String> wireNames = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toSet());

        List<String> unknown = messages().stream()
                .filter(m -> !wireNames.contains(m.getValue().path("name").asText()))
                .filter(m -> !m.getValue().has("x-todo") && !m.getKey().equals("deadLetter"))
                .map(Map.Entry::getKey)
                .toList();

        assertThat(unknown).as("messages of %s that name no EventType (and are not marked x-todo)", DOCUMENT)
                .isEmpty();
    }

    @Test
    void everyChannelIsATopicOfTopicsAndTheDeadLettersFollowItsConvention() throws IllegalAccessException {
        // given
        Set<String> topics = topics();
        List<String> problems = new ArrayList<>();

        // when
        document.path("channels").fields().forEachRemaining(channel -> {
            String address = channel.getValue().path("address").asText();
            JsonNode parameter = channel.getValue().path("parameters").path("topic");
            if (parameter.isMissingNode()) {
                if (!topics.contains(address)) {
                    problems.add(channel.getKey() + ": " + address + " is not a constant of Topics");
                }
                return;
            }
            if (!address.equals(Topics.deadLetter("{topic}"))) {
                problems.add(channel.getKey() + ": " + address + " is not Topics.deadLetter({topic})");
            }
            parameter.path("enum").forEach(value -> {
                if (!topics.contains(value.asText())) {
                    problems.add(channel.getKey() + ": {topic} = " + value.asText() + " is not a constant of Topics");
                }
            });
        });

        // then
        assertThat(problems).isEmpty();
        Set<String> addresses = new HashSet<>();
        document.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).as("every topic of Topics has a channel").containsAll(topics);
    }

    private static Set<String> topics() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                topics.add((String) field.get(null));
            }
        }
        return topics;
    }

    private static List<Map.Entry<String, JsonNode>> messages() {
        List<Map.Entry<String, JsonNode>> messages = new ArrayList<>();
        document.path("components").path("messages").fields().forEachRemaining(messages::add);
        return messages;
    }

    private static List<String> channelMessageRefs() {
        List<String> refs = new ArrayList<>();
        document.path("channels").forEach(channel -> refs.addAll(refs(channel.path("messages"))));
        return refs;
    }

    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    refs.addAll(refs(field.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> refs.addAll(refs(element)));
        }
        return refs;
    }
}
