package com.podflow.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;

/**
 * Generates the published JSON Schemas (ADR 21) from the event records, so a new type or field needs no hand work. A
 * schema states what the wire guarantees, not the order's input rules: primitives and every event's {@code orderId}
 * and {@code occurredAt} are required (the codec refuses records without them), as is a field a record declares
 * {@code @JsonProperty(required = true)}; every other field may be absent or
 * null (Jackson writes null fields, and drafts carry orders that do not pass the Order API's rules yet). Additional
 * properties stay allowed: that is how version 1 grows.
 */
final class EventSchemaGenerator {
    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private final ObjectMapper mapper = EventJson.mapper();
    private final Records records = new Records();

    /** Every file of {@code schemas/} by name: one data schema per event type (current version) and the envelope. */
    Map<String, JsonNode> all() {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            files.put(EventSchemas.fileName(type, type.version()), data(type));
        }
        files.put(EventSchemas.ENVELOPE_FILE, envelope());
        return files;
    }

    ObjectNode data(EventType type) {
        ObjectNode generated = records.generator.generateSchema(type.javaType());
        ObjectNode schema = mapper.createObjectNode();
        schema.put("$schema", DRAFT);
        schema.put("$id", EventSchemas.uri(type, type.version()));
        schema.put("title", type.wireName() + " v" + type.version());
        schema.put("description", "The data of a CloudEvents record of type " + type.wireName() + ", schemaversion "
                + type.version() + ". Consumers must ignore properties they do not know.");
        generated.remove("$schema");
        schema.setAll(generated);
        return schema;
    }

    ObjectNode envelope() {
        ObjectNode schema = mapper.createObjectNode();
        schema.put("$schema", DRAFT);
        schema.put("$id", EventSchemas.envelopeUri());
        schema.put("title", "podflow CloudEvents record");
        schema.put("description", "One Kafka record value: a CloudEvents 1.0 event in structured JSON mode"
                + " (content type " + EventCodec.CONTENT_TYPE + "), keyed by the order id. data follows the schema"
                + " named by dataschema (type and schemaversion). Consumers must ignore attributes and types they do"
                + " not know.");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("specversion").put("const", EventCodec.SPEC_VERSION);
        attribute(properties, "id", "Unique per event: the consumers' idempotency key").put("minLength", 1);
        attribute(properties, "source", "The producing service, e.g. /order-ledger").put("format", "uri-reference");
        attribute(properties, "type", "The event type's stable wire name, e.g. order.status-changed")
                .put("minLength", 1);
        attribute(properties, "subject", "The order id; also the Kafka record key").put("minLength", 1);
        attribute(properties, "time", "When it happened (RFC 3339)").put("format", "date-time");
        attribute(properties, "datacontenttype", "The content type of data").put("const", "application/json");
        attribute(properties, "dataschema", "The URI of data's JSON Schema; absent on records written before it")
                .put("format", "uri");
        ObjectNode version = properties.putObject("schemaversion");
        version.put("type", "integer").put("minimum", 1)
                .put("description", "Extension: the version of data's schema; absent means 1");
        attribute(properties, "clientid", "Extension: the client (tenant) the order belongs to");
        ObjectNode attempt = properties.putObject("attempt");
        attempt.put("type", "integer").put("minimum", 1)
                .put("description", "Extension: the order's validation attempt the event belongs to");
        attribute(properties, "causationid", "Extension: the id of the event that caused this one");
        properties.putObject("data").put("type", "object");
        ArrayNode required = schema.putArray("required");
        for (String name : new String[]{"specversion", "id", "source", "type", "subject", "time", "data"}) {
            required.add(name);
        }
        // each known type (in its current version) binds data to its own schema; unknown types pass as they are
        ArrayNode allOf = schema.putArray("allOf");
        for (EventType type : EventType.values()) {
            ObjectNode rule = allOf.addObject();
            ObjectNode when = rule.putObject("if");
            when.putArray("required").add("type");
            ObjectNode whenProperties = when.putObject("properties");
            whenProperties.putObject("type").put("const", type.wireName());
            whenProperties.putObject("schemaversion").put("const", type.version());
            rule.putObject("then").putObject("properties").putObject("data")
                    .put("$ref", EventSchemas.fileName(type, type.version()));
        }
        return schema;
    }

    private static ObjectNode attribute(ObjectNode properties, String name, String description) {
        ObjectNode attribute = properties.putObject(name);
        attribute.put("type", "string").put("description", description);
        return attribute;
    }

    /** The victools configuration: Jackson's view of the records (names, enums by @JsonValue), the wire's nulls. */
    private static final class Records {
        final com.github.victools.jsonschema.generator.SchemaGenerator generator;

        Records() {
            SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(EventJson.mapper(),
                    SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                    .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                            JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                    .with(Option.NULLABLE_FIELDS_BY_DEFAULT, Option.ADDITIONAL_FIXED_TYPES,
                            Option.EXTRA_OPEN_API_FORMAT_VALUES);
            builder.forFields()
                    .withRequiredCheck(Records::guaranteed)
                    .withNullableCheck(field -> guaranteed(field) || declaredRequired(field) ? Boolean.FALSE : null);
            builder.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
                if (JsonNode.class.isAssignableFrom(type.getErasedType())) {
                    // free JSON chosen by the client (e.g. productVariant): any value
                    return new CustomDefinition(context.getGeneratorConfig().createObjectNode(),
                            CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
                }
                if (type.getErasedType() == BigDecimal.class) {
                    // prices and sizes: JSON numbers, never rounded through a double by our codec
                    return new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "number"),
                            CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
                }
                if (type.getErasedType() == Instant.class) {
                    return new CustomDefinition(
                            context.getGeneratorConfig().createObjectNode().put("type", "string").put("format",
                                    "date-time"),
                            CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
                }
                return null;
            });
            generator = new com.github.victools.jsonschema.generator.SchemaGenerator(builder.build());
        }

        /** A record that guarantees a field says so with {@code @JsonProperty(required = true)} (Jackson enforces it). */
        private static boolean declaredRequired(FieldScope field) {
            JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
            return property != null && property.required();
        }

        /** Present and non-null on every record: primitives, and what the codec demands of every event. */
        private static boolean guaranteed(FieldScope field) {
            if (field.getType() != null && field.getType().isPrimitive()) {
                return true;
            }
            boolean event = OrderEvent.class.isAssignableFrom(field.getDeclaringType().getErasedType());
            return event && (field.getDeclaredName().equals("orderId")
                    || field.getDeclaredName().equals("occurredAt"));
        }
    }
}
