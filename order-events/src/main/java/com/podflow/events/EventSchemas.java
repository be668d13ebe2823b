package com.podflow.events;

/**
 * Where the published JSON Schemas of the events live (ADR 21): one schema per event type and version for its
 * {@code data}, one for the CloudEvents envelope. The URI is the CloudEvents {@code dataschema} attribute of every
 * record; its last path segment is the file name under {@code schemas/} in this jar (and in the repository), so a
 * consumer maps the prefix to a local copy.
 */
public final class EventSchemas {
    /** The URI prefix of every schema; it names the contract, nothing is served there yet. */
    public static final String BASE_URI = "https://podflow.example/schemas/";
    /** The classpath folder (in this jar) holding the schema files. */
    public static final String RESOURCE_FOLDER = "schemas/";
    /** The file of the CloudEvents envelope schema, which points at each type's data schema. */
    public static final String ENVELOPE_FILE = "cloudevent.v1.json";

    private EventSchemas() {
    }

    /** The file name of a type's data schema: {@code <wire-name>.v<version>.json}. */
    public static String fileName(EventType type, int version) {
        return type.wireName() + ".v" + version + ".json";
    }

    /** The {@code dataschema} URI of a type's data in a given version. */
    public static String uri(EventType type, int version) {
        return BASE_URI + fileName(type, version);
    }

    /** The URI of the envelope schema. */
    public static String envelopeUri() {
        return BASE_URI + ENVELOPE_FILE;
    }
}
