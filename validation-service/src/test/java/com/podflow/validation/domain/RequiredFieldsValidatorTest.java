package com.podflow.validation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.order.Order;

/** The required-fields rules as a table: good orders pass, each bad one yields exactly the expected findings. */
class RequiredFieldsValidatorTest {
    /** The seed order of the Order API reference. */
    static final String SEED = """
            { "orderReferenceId": "test", "orderType": "order", "currency": "EUR",
              "shippingAddress": { "country": "SE", "firstName": "My first name", "lastName": "My last name",
                "addressLine1": "17", "addressLine2": "Address 1", "city": "City", "postCode": "11111", "state": "",
                "email": "me@example.com", "phone": "+47222222", "companyName": "MyCompany" },
              "items": [ { "itemReferenceId": "test1",
                "productUid": "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor",
                "productVariant": { "size": "A4" }, "quantity": 1,
                "files": [ { "type": "default", "url": "https://www.example.com/path/to/printfile.pdf" } ] } ] }
            """;
    static final String MISSING = RefusalCodes.MISSING_REQUIRED_FIELD;

    final RequiredFieldsValidator validator = new RequiredFieldsValidator();

    record Expected(String code, String field, String messagePart) {}

    static Expected expect(String code, String field, String messagePart) {
        return new Expected(code, field, messagePart);
    }

    static Stream<Arguments> goodOrders() {
        return Stream.of(
                Arguments.of("the seed order", change(o -> {
                })),
                Arguments.of("a catalog product without variant", remove("/items/0/productVariant")),
                Arguments.of("a customer product", change(o -> item(o, 0).put("productName", "My mug")
                        .remove(List.of("productUid")))),
                Arguments.of("no optional address fields", change(o -> ((ObjectNode) o.get("shippingAddress"))
                        .remove(List.of("addressLine2", "state", "phone", "companyName")))),
                Arguments.of("two items, several files", change(o -> {
                    ObjectNode second = item(o, 0).deepCopy().put("itemReferenceId", "test2").put("quantity", 250);
                    ((ArrayNode) second.get("files")).addObject().put("type", "back").put("url",
                            "https://x.test/b.pdf");
                    ((ArrayNode) o.get("items")).add(second);
                })));
    }

    static Stream<Arguments> badOrders() {
        return Stream.of(
                Arguments.of("no country", remove("/shippingAddress/country"), List.of(expect(MISSING,
                        "shippingAddress.country",
                        "shippingAddress.country is required (ISO 3166-1 alpha-2 code, e.g. \"SE\")"))),
                Arguments.of("blank country", set("/shippingAddress/country", "  "),
                        List.of(expect(MISSING, "shippingAddress.country", "is required"))),
                Arguments.of("no orderReferenceId", remove("/orderReferenceId"),
                        List.of(expect(MISSING, "orderReferenceId", "orderReferenceId is required"))),
                Arguments.of("no currency", set("/currency", ""),
                        List.of(expect(MISSING, "currency", "currency is required (ISO 4217 code"))),
                Arguments.of("no shipping address", remove("/shippingAddress"),
                        List.of(expect(MISSING, "shippingAddress", "shippingAddress is required"))),
                Arguments.of("every address field missing", change(o -> o.putObject("shippingAddress")),
                        List.of(expect(MISSING, "shippingAddress.country", "country is required"),
                                expect(MISSING, "shippingAddress.firstName", "firstName is required"),
                                expect(MISSING, "shippingAddress.lastName", "lastName is required"),
                                expect(MISSING, "shippingAddress.addressLine1", "addressLine1 is required"),
                                expect(MISSING, "shippingAddress.city", "city is required"),
                                expect(MISSING, "shippingAddress.postCode", "postCode is required"),
                                expect(MISSING, "shippingAddress.email", "email is required"))),
                Arguments.of("no items", remove("/items"),
                        List.of(expect(MISSING, "items", "items must hold at least one item"))),
                Arguments.of("empty items", change(o -> o.putArray("items")),
                        List.of(expect(MISSING, "items", "at least one item"))),
                Arguments.of("no itemReferenceId", remove("/items/0/itemReferenceId"),
                        List.of(expect(MISSING, "items[0].itemReferenceId", "items[0].itemReferenceId is required"))),
                Arguments.of("no quantity", remove("/items/0/quantity"),
                        List.of(expect(MISSING, "items[0].quantity", "items[0].quantity is required"))),
                Arguments.of("zero quantity", set("/items/0/quantity", 0),
                        List.of(expect(MISSING, "items[0].quantity", "must be at least 1, but is 0"))),
                Arguments.of("neither productUid nor productName", remove("/items/0/productUid"),
                        List.of(expect(MISSING, "items[0].productUid", "or give productName and productVariant"))),
                Arguments.of("productName without productVariant", change(o -> item(o, 0).put("productName", "Mug")
                        .remove(List.of("productUid", "productVariant"))),
                        List.of(expect(MISSING, "items[0].productVariant", "required with productName"))),
                Arguments.of("productUid and productName", set("/items/0/productName", "Mug"),
                        List.of(expect(RefusalCodes.INVALID_PRODUCT, "items[0].productUid",
                                "give productUid or productName+productVariant, not both"))),
                Arguments.of("no files", remove("/items/0/files"),
                        List.of(expect(MISSING, "items[0].files", "at least one print file"))),
                Arguments.of("a file without type and url", change(o -> ((ArrayNode) item(o, 0).get("files"))
                        .addObject().put("url", " ")),
                        List.of(expect(MISSING, "items[0].files[1].type", "items[0].files[1].type is required"),
                                expect(MISSING, "items[0].files[1].url",
                                        "items[0].files[1].url is required (a public http(s) URL"))),
                Arguments.of("several problems at once", change(o -> {
                    ((ObjectNode) o.get("shippingAddress")).remove(List.of("country", "email"));
                    ((ArrayNode) o.get("items")).addObject().put("itemReferenceId", "test2").put("quantity", 1)
                            .put("productUid", "p").putArray("files").addObject().put("type", "default");
                }), List.of(expect(MISSING, "shippingAddress.country", "country is required"),
                        expect(MISSING, "shippingAddress.email", "email is required"),
                        expect(MISSING, "items[1].files[0].url", "url is required"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodOrders")
    void aCompleteOrderPasses(String description, Order order) {
        // when
        List<Finding> findings = validator.validate(order);

        // then
        assertThat(findings).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void anIncompleteOrderYieldsEveryFinding(String description, Order order, List<Expected> expected) {
        // when
        List<Finding> findings = validator.validate(order);

        // then
        assertThat(findings).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Finding finding = findings.get(i);
            assertThat(finding.code()).as("code of finding %d", i).isEqualTo(expected.get(i).code());
            assertThat(finding.field()).as("field of finding %d", i).isEqualTo(expected.get(i).field());
            assertThat(finding.message()).as("message of finding %d", i).contains(expected.get(i).messagePart());
        }
    }

    @Test
    void aNullItemOrFileIsReportedWhereItIs() {
        // given
        Order order = change(o -> {
            ((ArrayNode) item(o, 0).get("files")).addNull();
            ((ArrayNode) o.get("items")).addNull();
        });

        // when
        List<Finding> findings = validator.validate(order);

        // then
        assertThat(findings).extracting(Finding::field).containsExactly("items[0].files[1]", "items[1]");
        assertThat(findings).allSatisfy(f -> assertThat(f.code()).isEqualTo(MISSING));
    }

    static ObjectNode item(ObjectNode order, int index) {
        return (ObjectNode) order.get("items").get(index);
    }

    static Order change(Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(SEED);
            change.accept(json);
            return EventJson.mapper().treeToValue(json, Order.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the field at a JSON pointer such as {@code /shippingAddress/country}. */
    static Order remove(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return change(o -> ((ObjectNode) o.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1)));
    }

    /** Sets the field at a JSON pointer to a value. */
    static Order set(String pointer, Object value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode node = EventJson.mapper().valueToTree(value);
        return change(o -> ((ObjectNode) o.at(pointer.substring(0, slash))).set(pointer.substring(slash + 1), node));
    }
}
