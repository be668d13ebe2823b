package com.podflow.intake.api.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.ShippingAddress;
import com.podflow.events.order.validation.HttpUrl;
import com.podflow.events.order.validation.IsoCountry;
import com.podflow.events.order.validation.IsoCurrency;

/**
 * Completes the generated document at build time with what holds for every operation, so that each resource only
 * declares what is its own: the security requirement (X-API-KEY under /v1, X-FACILITY-KEY under /facility, X-ADMIN-KEY under /admin), the error
 * answers every call can get (401, 403, 429, 500, 503; 400, 413 and 415 where there is input; 404 where there is an id), the
 * error schema on every error answer, and the contract records' rules that Bean Validation annotations alone do not
 * carry into the schemas (enums in wire spelling, ISO codes, URLs, whole-value patterns, nullable optional fields).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiContractFilter implements OASFilter {
    /** The contract records whose constraints become schema rules. */
    private static final List<Class<?>> CONTRACT = List.of(Order.class, ShippingAddress.class, OrderItem.class,
            OrderFile.class, CustomTrim.class, MetadataEntry.class, PackagingInstruction.class,
            PackagingInstruction.PackageItem.class, PackagingInstruction.PackingSlip.class);

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> complete(path, method, operation)));
        Map<String, Schema> generated = api.getComponents().getSchemas();
        // every error answer has a code and a message (service-support's ApiError; errors and orderId where they apply)
        generated.get("ApiError").setRequired(List.of("code", "message"));
        List<Schema> nullableObjects = new ArrayList<>();
        generated.forEach((name, schema) -> tighten(schema, generated, nullableObjects));
        // OpenAPI 3.0 cannot make a reference nullable (nullable beside allOf does not let null through the allOf in
        // JSON Schema validators): an optional object property is the referenced object's schema, inlined, nullable
        Set<String> inlined = new HashSet<>();
        for (Schema wrapper : nullableObjects) {
            inlined.add(referenced(wrapper));
            Schema object = generated.get(referenced(wrapper));
            wrapper.setAllOf(null);
            wrapper.setProperties(object.getProperties());
            wrapper.setRequired(object.getRequired());
            wrapper.setDescription(
                    wrapper.getDescription() == null ? object.getDescription() : wrapper.getDescription());
        }
        // a component that is now only inlined is no component any more
        Set<String> used = new HashSet<>();
        generated.values().forEach(schema -> references(schema, used));
        api.getComponents().getResponses().values().forEach(response -> references(response, used));
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().getMediaTypes().values()
                        .forEach(media -> references(media.getSchema(), used));
            }
            operation.getResponses().getAPIResponses().values().forEach(response -> references(response, used));
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(parameter -> references(parameter.getSchema(), used));
            }
        }));
        inlined.stream().filter(name -> !used.contains(name)).forEach(api.getComponents()::removeSchema);
        // Jackson writes Instant as an ISO 8601 text, and a JsonNode is any JSON: not component schemas of their own
        api.getComponents().removeSchema("Instant");
        api.getComponents().removeSchema("JsonNode");
        api.getComponents().removeSchema("JsonNodeType");
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Schema status = schemas.get(FulfillmentStatus.class.getSimpleName());
        if (status != null) {
            status.setEnumeration(Arrays.stream(FulfillmentStatus.values()).map(s -> (Object) s.wireName()).toList());
            status.setDescription("The order's status; shipped, in_transit, delivered and returned are final for"
                    + " cancel and shipment updates");
        }
        Schema file = schemas.get(OrderFile.class.getSimpleName());
        if (file != null) {
            // not an enum: workflow-enabled products take free type names
            file.getProperties().get("type").setDescription("The print area: a predefined type such as default,"
                    + " front, back or inside, or, for workflow-enabled products, any name of 1 to 100 letters, digits,"
                    + " '_', '.' or '-' (e.g. cover_front); unique within the item's files");
        }
        for (Class<?> record : CONTRACT) {
            Schema schema = schemas.get(record.getSimpleName());
            if (schema != null) {
                fromConstraints(record, schema);
            }
        }
        examples(api);
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        boolean admin = path.startsWith("/admin/");
        String scheme = admin
                ? ApiDefinition.ADMIN_KEY
                : path.startsWith("/facility/") ? ApiDefinition.FACILITY_KEY : ApiDefinition.API_KEY;
        // storefront webhooks are signed by the store, not sent with a key (ADR 40)
        if (path.startsWith("/v1/storefronts/shopify/")) {
            scheme = ApiDefinition.SHOPIFY_HMAC;
        } else if (path.startsWith("/v1/storefronts/woocommerce/")) {
            scheme = ApiDefinition.WOOCOMMERCE_SIGNATURE;
        }
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(scheme)));
        APIResponses responses = operation.getResponses();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasQuery = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        parameters.stream().filter(p -> p.getSchema() == null && p.getContent() == null && p.getRef() == null)
                .forEach(p -> p.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        boolean hasId = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        boolean hasBody = operation.getRequestBody() != null;
        if (hasBody && operation.getRequestBody().getContent() != null) {
            // forwarded bodies are read as bytes (any type); what the API takes is JSON
            var content = operation.getRequestBody().getContent();
            MediaType any = content.getMediaType("*/*");
            if (any != null) {
                content.removeMediaType("*/*");
                content.addMediaType("application/json", any);
            }
        }
        if (hasBody || hasQuery) {
            standard(responses, "400", "BadRequest");
        }
        standard(responses, "401", "Unauthorized");
        standard(responses, "403", "Forbidden");
        if (hasId) {
            standard(responses, "404", "NotFound");
        }
        if (hasBody) {
            standard(responses, "413", "PayloadTooLarge");
            standard(responses, "415", "UnsupportedMediaType");
        }
        if (!admin) {
            standard(responses, "429", "TooManyRequests");
        }
        standard(responses, "500", "InternalError");
        // every operation reads or writes the database, or asks a service behind the API
        standard(responses, "503", "ServiceUnavailable");
        // an error answer declared on a resource by its code and description alone carries the one error body
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.matches("[45]\\d\\d") && response.getRef() == null && response.getContent() == null) {
                response.setContent(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("ApiError"))));
            }
        });
    }

    private static void standard(APIResponses responses, String code, String component) {
        APIResponse existing = responses.getAPIResponse(code);
        if (existing == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref(component));
        }
    }

    /**
     * Java's {@code @Pattern} matches the whole value, a schema's pattern any part of it: anchor them (but not
     * {@code \S}, which {@code @NotBlank} becomes and which means "some non-blank character"). Optional properties may
     * be null in answers (Java records), so they are nullable.
     */
    private static void tighten(Schema schema, Map<String, Schema> components, List<Schema> nullableObjects) {
        if (schema.getPattern() != null && !schema.getPattern().equals("\\S")
                && !schema.getPattern().startsWith("^")) {
            schema.setPattern("^(?:" + schema.getPattern() + ")$");
        }
        if (schema.getMultipleOf() != null && schema.getMultipleOf().compareTo(BigDecimal.ONE) < 0) {
            // @Digits' fraction: as multipleOf, binary floating point makes 19.99 no multiple of 0.0001
            schema.setDescription(join(schema.getDescription(), "At most " + schema.getMultipleOf().scale()
                    + " decimal places"));
            schema.setMultipleOf(null);
        }
        if (schema.getProperties() == null) {
            return;
        }
        Set<String> required = schema.getRequired() == null ? Set.of() : new HashSet<>(schema.getRequired());
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.replaceAll((name, property) -> {
            Schema inlined = inline(property);
            tighten(inlined, components, nullableObjects);
            boolean optional = !required.contains(name);
            Schema referenced = referenced(inlined, components);
            if (optional && referenced != null && referenced.getType() != null
                    && referenced.getType().contains(Schema.SchemaType.OBJECT)) {
                Schema wrapper = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .addType(Schema.SchemaType.NULL).addAllOf(OASFactory.createSchema().ref(referenced(inlined)))
                        .description(inlined.getDescription());
                nullableObjects.add(wrapper);
                return wrapper;
            }
            if (optional && inlined.getType() != null && !inlined.getType().contains(Schema.SchemaType.NULL)) {
                inlined.addType(Schema.SchemaType.NULL);
            }
            return inlined;
        });
        schema.setProperties(properties);
    }

    private static void references(APIResponse response, Set<String> used) {
        if (response != null && response.getContent() != null) {
            response.getContent().getMediaTypes().values().forEach(media -> references(media.getSchema(), used));
        }
    }

    /** Adds the names of the components {@code schema} refers to, at any depth. */
    private static void references(Schema schema, Set<String> used) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            used.add(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> references(property, used));
        }
        references(schema.getItems(), used);
        references(schema.getAdditionalPropertiesSchema(), used);
        for (List<Schema> composed : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (composed != null) {
                composed.forEach(part -> references(part, used));
            }
        }
    }

    /** The name of the component a property refers to, directly or as the one schema of an allOf. */
    private static String referenced(Schema property) {
        if (property.getRef() != null) {
            return property.getRef().substring(property.getRef().lastIndexOf('/') + 1);
        }
        if (property.getAllOf() != null && property.getAllOf().size() == 1) {
            return referenced(property.getAllOf().get(0));
        }
        return null;
    }

    private static Schema referenced(Schema property, Map<String, Schema> components) {
        String name = referenced(property);
        return name == null ? null : components.get(name);
    }

    private static Schema inline(Schema property) {
        if (property.getItems() != null) {
            property.setItems(inline(property.getItems()));
        }
        String ref = property.getRef();
        if (ref == null) {
            return property;
        }
        if (ref.endsWith("/Instant")) {
            return OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time")
                    .description(property.getDescription()).example("2024-12-02T11:05:09Z");
        }
        if (ref.endsWith("/JsonNode")) {
            return OASFactory.createSchema().description(property.getDescription() == null
                    ? "Any JSON value"
                    : property.getDescription());
        }
        return property;
    }

    /** Rules of the contract records' own constraint annotations, and enums where a pattern lists the values. */
    private static void fromConstraints(Class<?> record, Schema schema) {
        for (RecordComponent component : record.getRecordComponents()) {
            Schema property = schema.getProperties() == null ? null : schema.getProperties().get(component.getName());
            if (property == null) {
                continue;
            }
            // Bean Validation annotations do not target record components: they are on the accessor
            for (Annotation annotation : component.getAccessor().getAnnotations()) {
                if (annotation instanceof IsoCurrency) {
                    property.setPattern("^[A-Z]{3}$");
                    property.setDescription(join(property.getDescription(), "ISO 4217 currency code, e.g. EUR"));
                } else if (annotation instanceof IsoCountry) {
                    property.setPattern("^[A-Z]{2}$");
                    property.setDescription(join(property.getDescription(), "ISO 3166-1 alpha-2 country code,"
                            + " e.g. SE"));
                } else if (annotation instanceof HttpUrl) {
                    property.setFormat("uri");
                    property.setPattern("^[Hh][Tt][Tt][Pp][Ss]?://");
                    property.setDescription(join(property.getDescription(), "A public http(s) URL"));
                } else if (annotation instanceof Pattern pattern && pattern.regexp().matches("[a-z_]+(\\|[a-z_]+)+")) {
                    List<Object> values = new ArrayList<>(Arrays.asList((Object[]) pattern.regexp().split("\\|")));
                    property.setPattern(null);
                    property.setEnumeration(values);
                }
            }
        }
    }

    private static String join(String description, String more) {
        return description == null ? more : description + ". " + more;
    }

    /** The API reference's examples: the seed order as a submit request, and a Get Order answer. */
    private static void examples(OpenAPI api) {
        Operation submit = api.getPaths().getPathItem("/v1/orders").getPOST();
        MediaType request = submit.getRequestBody().getContent().getMediaType("application/json");
        request.addExample("seed", OASFactory.createExample().summary("The API reference's order")
                .value(json("submit-order.json")));
        Operation get = api.getPaths().getPathItem("/v1/orders/{idOrReference}").getGET();
        get.getResponses().getAPIResponse("200").getContent().getMediaType("application/json").addExample("failed",
                OASFactory.createExample().summary("A failed order, as in the API reference")
                        .value(json("get-order.json")));
    }

    private static Object json(String name) {
        try (InputStream in = ApiContractFilter.class.getResourceAsStream("/openapi-examples/" + name)) {
            return new ObjectMapper().readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
