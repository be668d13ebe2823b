package com.podflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The published contract (ADR 21): the checked-in schemas are the ones the records generate, every event type has a
 * schema and a stored v1 fixture, and the fixtures pass a real validator, also after a round trip through the codec.
 * After a change of an event record, {@code ./mvnw verify -pl order-events -Dschemas.update} rewrites the schemas.
 */
class PublishedSchemasTest {
    static final Path SCHEMAS = Path.of("src/main/resources", EventSchemas.RESOURCE_FOLDER);
    static final Path FIXTURES = Path.of("src/main/resources/com/podflow/events/fixtures");

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(
                    mappers -> mappers.mapPrefix(EventSchemas.BASE_URI, SCHEMAS.toAbsolutePath().toUri().toString())));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    @Test
    void theCheckedInSchemasAreTheOnesTheRecordsGenerate() throws IOException {
        // given
        Map<String, JsonNode> generated = new EventSchemaGenerator().all();

        // when
        if (System.getProperty("schemas.update") != null) {
            Files.createDirectories(SCHEMAS);
            for (var file : generated.entrySet()) {
                Files.writeString(SCHEMAS.resolve(file.getKey()),
                        EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(file.getValue()) + "\n");
            }
        }

        // then
        List<String> stale = new ArrayList<>();
        for (var file : generated.entrySet()) {
            Path path = SCHEMAS.resolve(file.getKey());
            if (!Files.exists(path) || !EventJson.mapper().readTree(path.toFile()).equals(file.getValue())) {
                stale.add(file.getKey());
            }
        }
        assertThat(stale).as("schemas in %s that differ from what the event records generate; after a change of an"
                + " event record, update them with ./mvnw verify -pl order-events -Dschemas.update", SCHEMAS)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} has a schema and a fixture")
    @EnumSource(EventType.class)
    void everyEventTypeHasASchemaAndAStoredFixture(EventType type) {
        assertThat(SCHEMAS.resolve(EventSchemas.fileName(type, type.version())))
                .as("the schema of %s (run ./mvnw verify -pl order-events -Dschemas.update)", type.wireName())
                .exists();
        assertThat(FIXTURES.resolve(EventSchemas.fileName(type, type.version())))
                .as("a stored fixture of %s: one full CloudEvents record as it appears on the topic", type.wireName())
                .exists();
    }

    @ParameterizedTest(name = "{0} passes its schemas")
    @EnumSource(EventType.class)
    void everyFixtureIsValidAlsoAfterARoundTripThroughTheCodec(EventType type) throws IOException {
        for (Path fixture : fixturesOf(type)) {
            // given
            JsonNode stored = EventJson.mapper().readTree(fixture.toFile());

            // when
            String reencoded = EventCodec.encode(EventCodec.decode(stored.toString()));

            // then
            assertThat(problems(type, stored)).as("%s", fixture.getFileName()).isEmpty();
            assertThat(problems(type, EventJson.mapper().readTree(reencoded)))
                    .as("%s re-encoded", fixture.getFileName())
                    .isEmpty();
            assertThat(stored.path("dataschema").asText()).isEqualTo(EventSchemas.uri(type, type.version()));
        }
    }

    @Test
    void aRecordWithoutARequiredFieldOrWithAWrongTypeIsRefused() throws IOException {
        // given
        ObjectNode record = (ObjectNode) EventJson.mapper()
                .readTree(FIXTURES.resolve("order.status-changed.v1.json").toFile());
        ObjectNode withoutOrderId = record.deepCopy();
        ((ObjectNode) withoutOrderId.get("data")).remove("orderId");
        ObjectNode sequenceAsText = record.deepCopy();
        ((ObjectNode) sequenceAsText.get("data")).put("sequence", "three");
        ObjectNode unknownStatus = record.deepCopy();
        ((ObjectNode) unknownStatus.get("data")).put("status", "lost");
        ObjectNode withoutSubject = record.deepCopy();
        withoutSubject.remove("subject");
        ObjectNode badTime = record.deepCopy();
        badTime.put("time", "yesterday");

        // then
        assertThat(problems(EventType.ORDER_STATUS_CHANGED, withoutOrderId)).anyMatch(p -> p.contains("orderId"));
        assertThat(problems(EventType.ORDER_STATUS_CHANGED, sequenceAsText)).anyMatch(p -> p.contains("sequence"));
        assertThat(problems(EventType.ORDER_STATUS_CHANGED, unknownStatus)).anyMatch(p -> p.contains("status"));
        assertThat(problems(EventType.ORDER_STATUS_CHANGED, withoutSubject)).anyMatch(p -> p.contains("subject"));
        assertThat(problems(EventType.ORDER_STATUS_CHANGED, badTime)).anyMatch(p -> p.contains("time"));
    }

    @Test
    void aFieldTheRecordDeclaresRequiredIsRequired() throws IOException {
        // given a failed validation without findings (the record refuses to exist without them)
        ObjectNode record = (ObjectNode) EventJson.mapper()
                .readTree(FIXTURES.resolve("order.validation-failed.v1.json").toFile());
        ObjectNode withoutFindings = record.deepCopy();
        ((ObjectNode) withoutFindings.get("data")).remove("findings");
        ObjectNode nullFindings = record.deepCopy();
        ((ObjectNode) nullFindings.get("data")).putNull("findings");

        // then
        assertThat(problems(EventType.VALIDATION_FAILED, withoutFindings)).anyMatch(p -> p.contains("findings"));
        assertThat(problems(EventType.VALIDATION_FAILED, nullFindings)).anyMatch(p -> p.contains("findings"));
    }

    @Test
    void newOptionalFieldsAndRecordsWithoutDataschemaStayValid() throws IOException {
        // given a record from a newer producer (an added field) and one written before dataschema existed
        ObjectNode record = (ObjectNode) EventJson.mapper()
                .readTree(FIXTURES.resolve("order.validation-passed.v1-resolution.json").toFile());
        ((ObjectNode) record.get("data")).put("addedLater", "x");
        record.put("newextension", "y");
        record.remove("dataschema");

        // then
        assertThat(problems(EventType.VALIDATION_PASSED, record)).isEmpty();
        assertThat(EventCodec.decode(record.toString()).type()).isEqualTo(EventType.VALIDATION_PASSED);
    }

    /** What the envelope schema and the type's data schema (directly, as a consumer may use it) find wrong. */
    static List<String> problems(EventType type, JsonNode record) {
        JsonSchema envelope = FACTORY.getSchema(SchemaLocation.of(EventSchemas.envelopeUri()), CONFIG);
        JsonSchema data = FACTORY.getSchema(SchemaLocation.of(EventSchemas.uri(type, type.version())), CONFIG);
        Set<ValidationMessage> messages = new HashSet<>(envelope.validate(record));
        messages.addAll(data.validate(record.path("data")));
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

    private static List<Path> fixturesOf(EventType type) {
        String prefix = type.wireName() + ".v" + type.version();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix + ".")
                    || f.getFileName().toString().startsWith(prefix + "-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
