package com.podflow.validation.domain;

import static com.podflow.validation.domain.TestData.CLIENT;
import static com.podflow.validation.domain.TestData.customerProduct;
import static com.podflow.validation.domain.TestData.item;
import static com.podflow.validation.domain.TestData.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;

/** Validator {@code product} as a table over the shipped catalog: good orders pass, bad ones give their findings. */
class ProductValidatorTest {
    static final ReferenceData CATALOG = TestData.shipped();

    final ProductValidator validator = new ProductValidator();

    record Expected(String code, String field, String messagePart) {}

    static Stream<Arguments> goodOrders() {
        return Stream.<Arguments>of(
                Arguments.of("the seed order", (Consumer<ObjectNode>) o -> {
                }),
                Arguments.of("the seed's poster", (Consumer<ObjectNode>) o -> item(o, 0).put("productUid",
                        TestData.POSTER)),
                Arguments.of("a connected customer product", (Consumer<ObjectNode>) o -> customerProduct(o, 0,
                        "Framed Poster", "FrameColour", "Black", "PaperSize", "A3")),
                Arguments.of("a customer product matched regardless of case and attribute order",
                        (Consumer<ObjectNode>) o -> customerProduct(o, 0, " framed poster", "papersize", "a3",
                                "FRAMECOLOUR", "black")),
                Arguments.of("an unavailable product (the rules validator's business)",
                        (Consumer<ObjectNode>) o -> item(o, 0).put("productUid", TestData.A6_POSTCARD)),
                Arguments.of("no product at all (the data validator's business)",
                        (Consumer<ObjectNode>) o -> item(o, 0).remove("productUid")),
                Arguments.of("both productUid and productName (the data validator's business)",
                        (Consumer<ObjectNode>) o -> item(o, 0).put("productUid", "nonsense").put("productName",
                                "Framed Poster")));
    }

    static Stream<Arguments> badOrders() {
        return Stream.of(
                Arguments.of("an unknown productUid of a known family",
                        (Consumer<ObjectNode>) o -> item(o, 0).put("productUid",
                                "flat_product_pf_a3_pt_200-gsm-uncoated_cl_4-0_hor"),
                        List.of(new Expected(RefusalCodes.INVALID_PRODUCT, "items[0].productUid",
                                "productUid \"flat_product_pf_a3_pt_200-gsm-uncoated_cl_4-0_hor\" is not in the"
                                        + " product catalog (products of family \"flat_product\" include"))),
                Arguments.of("an unknown productUid of an unknown family",
                        (Consumer<ObjectNode>) o -> item(o, 0).put("productUid", "mugs_pf_a4_ver"),
                        List.of(new Expected(RefusalCodes.INVALID_PRODUCT, "items[0].productUid",
                                "(no product of family \"mugs\" exists); correct the productUid"))),
                Arguments.of("an unknown customer product",
                        (Consumer<ObjectNode>) o -> customerProduct(o, 0, "Framed Poster", "FrameColour", "Red"),
                        List.of(new Expected(RefusalCodes.INVALID_PRODUCT, "items[0].productName",
                                "no customer product \"Framed Poster\" with productVariant {framecolour=red}"))),
                Arguments.of("a customer product not connected",
                        (Consumer<ObjectNode>) o -> customerProduct(o, 0, "Framed Poster", "FrameColour", "White",
                                "PaperSize", "A3"),
                        List.of(new Expected(RefusalCodes.NOT_CONNECTED, "items[0].productName",
                                "is not connected to a catalog product; connect it, then submit the order again"))),
                Arguments.of("all bad items are reported, not only the first", (Consumer<ObjectNode>) o -> {
                    TestData.addItem(o, "nope", 1);
                    item(o, 0).put("productUid", "nada");
                }, List.of(new Expected(RefusalCodes.INVALID_PRODUCT, "items[0].productUid", "\"nada\""),
                        new Expected(RefusalCodes.INVALID_PRODUCT, "items[1].productUid", "\"nope\""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodOrders")
    void passes(String name, Consumer<ObjectNode> change) {
        // when
        List<Finding> findings = validator.validate(order(change), CLIENT, CATALOG);

        // then
        assertThat(findings).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void fails(String name, Consumer<ObjectNode> change, List<Expected> expected) {
        // when
        List<Finding> findings = validator.validate(order(change), CLIENT, CATALOG);

        // then
        assertThat(findings).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(findings.get(i).code()).isEqualTo(expected.get(i).code());
            assertThat(findings.get(i).field()).isEqualTo(expected.get(i).field());
            assertThat(findings.get(i).message()).contains(expected.get(i).messagePart());
        }
    }

    @Test
    void anotherClientsCustomerProductIsUnknown() {
        // given
        var order = order(o -> customerProduct(o, 0, "Framed Poster", "FrameColour", "Black", "PaperSize", "A3"));

        // when
        List<Finding> findings = validator.validate(order, "someone-else", CATALOG);

        // then
        assertThat(findings).singleElement().extracting(Finding::code).isEqualTo(RefusalCodes.INVALID_PRODUCT);
    }
}
