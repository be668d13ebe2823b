package com.podflow.validation.domain;

import static com.podflow.validation.domain.TestData.CLIENT;
import static com.podflow.validation.domain.TestData.address;
import static com.podflow.validation.domain.TestData.customerProduct;
import static com.podflow.validation.domain.TestData.item;
import static com.podflow.validation.domain.TestData.order;
import static com.podflow.validation.domain.TestData.retailPrices;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
import com.podflow.events.ValidationPassed.ShipmentChoice;

/**
 * Validator {@code rules} as a table over the shipped reference data: good orders pass with the cheapest shipment
 * method that can deliver and the facility that makes them; bad ones give exactly their findings.
 */
class BusinessRulesValidatorTest {
    static final ReferenceData REFERENCE = TestData.shipped();

    final BusinessRulesValidator validator = new BusinessRulesValidator();

    record Expected(String code, String field, String messagePart) {}

    static Expected expect(String code, String field, String messagePart) {
        return new Expected(code, field, messagePart);
    }

    static Stream<Arguments> goodOrders() {
        return Stream.of(
                Arguments.of("the seed order: the cheapest of its methods, made in the destination country",
                        change(o -> {
                        }), "normal", "se-stockholm-1"),
                Arguments.of("a carrier name: its cheapest method; cross-border with retail prices",
                        change(o -> {
                            o.put("shipmentMethodUid", "DHL");
                            address(o).put("country", "JP");
                            retailPrices(o);
                        }), "dhl_global_parcel", "de-berlin-1"),
                Arguments.of("a tier: its cheapest method that delivers there", change(o -> {
                    o.put("shipmentMethodUid", "express");
                    address(o).put("country", "US").put("state", "NY");
                }), "fed_ex_2_day", "us-newyork-1"),
                Arguments.of("no method given: the cheapest of all that deliver there", change(o -> {
                    o.remove("shipmentMethodUid");
                    address(o).put("country", "GB");
                }), "royal_mail_tracked_48", "gb-london-1"),
                Arguments.of("unknown entries in the list are ignored when another can deliver",
                        change(o -> o.put("shipmentMethodUid", "pigeon, standard")), "standard", "se-stockholm-1"),
                Arguments.of("a connected customer product, cross-border with retail prices", change(o -> {
                    customerProduct(o, 0, "Framed Poster", "FrameColour", "Black", "PaperSize", "A3");
                    retailPrices(o);
                }), "normal", "de-berlin-1"),
                Arguments.of("two products made together only abroad", change(o -> {
                    TestData.addItem(o, TestData.T_SHIRT, 3);
                    retailPrices(o);
                }), "normal", "de-berlin-1"),
                Arguments.of("an unknown product is left to the product validator (no facility is chosen)",
                        change(o -> item(o, 0).put("productUid", "nope")), "normal", null),
                Arguments.of("a quantity of 0 is left to the data validator",
                        change(o -> item(o, 0).put("quantity", 0)), "normal", "se-stockholm-1"));
    }

    static Stream<Arguments> badOrders() {
        return Stream.of(
                Arguments.of("an unavailable product", change(o -> item(o, 0).put("productUid",
                        TestData.A6_POSTCARD).put("quantity", 10)),
                        List.of(expect(RefusalCodes.PRODUCT_UNAVAILABLE, "items[0].productUid",
                                "is currently unavailable; choose another product"))),
                Arguments.of("a product that may not be shipped to the destination", change(o -> {
                    customerProduct(o, 0, "Framed Poster", "FrameColour", "Black", "PaperSize", "A3");
                    address(o).put("country", "US").put("state", "NY");
                    retailPrices(o);
                }), List.of(expect(RefusalCodes.PRODUCT_UNAVAILABLE, "shippingAddress.country",
                        "cannot be shipped to US (it ships to AT, BE, CH"))),
                Arguments.of("a quantity above the product's maximum", change(o -> item(o, 0)
                        .put("productUid", TestData.POSTER).put("quantity", 500)),
                        List.of(expect(RefusalCodes.QUANTITY_LIMIT, "items[0].quantity",
                                "quantity 500 exceeds the maximum of 100"))),
                Arguments.of("a quantity below the product's minimum", change(o -> {
                    TestData.addItem(o, TestData.A4_CARD, 1);
                    item(o, 1).put("productUid", "flat_product_pf_a5_pt_350-gsm-coated-silk_cl_4-4_ct_none_prt_none"
                            + "_sft_none_set_none_ver");
                    item(o, 0).put("productUid", TestData.A6_POSTCARD).put("quantity", 2);
                }), List.of(expect(RefusalCodes.PRODUCT_UNAVAILABLE, "items[0].productUid", "unavailable"),
                        expect(RefusalCodes.QUANTITY_LIMIT, "items[0].quantity", "below the minimum of 10"))),
                Arguments.of("no listed method delivers there", change(o -> {
                    o.put("shipmentMethodUid", "normal,standard");
                    address(o).put("country", "JP");
                    retailPrices(o);
                }), List.of(expect(RefusalCodes.SHIPMENT_NOT_POSSIBLE, "shipmentMethodUid",
                        "none of the shipment methods \"normal,standard\" can deliver to JP; check the address's"
                                + " country, or add one of: dhl_express_worldwide, dhl_global_parcel"))),
                Arguments.of("only unknown methods", change(o -> o.put("shipmentMethodUid", "pigeon")),
                        List.of(expect(RefusalCodes.SHIPMENT_NOT_POSSIBLE, "shipmentMethodUid",
                                "(unknown: pigeon)"))),
                Arguments.of("cross-border without retail prices: one finding per missing field",
                        change(o -> customerProduct(o, 0, "Framed Poster", "FrameColour", "Black", "PaperSize",
                                "A3")),
                        List.of(expect(RefusalCodes.MISSING_RETAIL_PRICES, "retailCurrency",
                                BusinessRulesValidator.CROSS_BORDER_MESSAGE),
                                expect(RefusalCodes.MISSING_RETAIL_PRICES, "retailShippingPriceInclVat",
                                        "Add retailShippingPriceInclVat"),
                                expect(RefusalCodes.MISSING_RETAIL_PRICES, "items[0].retailPriceInclVat",
                                        "Add items[0].retailPriceInclVat"))),
                Arguments.of("only the unavailable product among others is reported", change(o -> {
                    TestData.addItem(o, TestData.T_SHIRT, 1);
                    item(o, 0).put("productUid", "large-posters_pf_300x400-mm_pt_170-gsm-coated-silk_cl_4-0_ver");
                    item(o, 1).put("productUid", TestData.A6_POSTCARD).put("quantity", 10);
                }), List.of(expect(RefusalCodes.PRODUCT_UNAVAILABLE, "items[1].productUid", "unavailable"))),
                Arguments.of("products never made together", change(o -> {
                    TestData.addItem(o, TestData.T_SHIRT, 1);
                    item(o, 0).put("productUid", "flat_product_pf_a6_pt_350-gsm-uncoated_cl_4-4_ct_none_prt_none"
                            + "_sft_none_set_none_hor").put("quantity", 10);
                }), List.of(expect(RefusalCodes.PRODUCT_UNAVAILABLE, "items[0].productUid", "unavailable"),
                        expect(RefusalCodes.PRODUCT_UNAVAILABLE, "items",
                                "no production facility makes all products of this order together"))));
    }

    static Consumer<ObjectNode> change(Consumer<ObjectNode> change) {
        return change;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodOrders")
    void passes(String name, Consumer<ObjectNode> change, String method, String facility) {
        // when
        BusinessRulesValidator.Outcome outcome = validator.validate(order(change), CLIENT, REFERENCE);

        // then
        assertThat(outcome.findings()).isEmpty();
        assertThat(outcome.shipment().shipmentMethodUid()).isEqualTo(method);
        assertThat(outcome.shipment().fulfillmentFacilityId()).isEqualTo(facility);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void fails(String name, Consumer<ObjectNode> change, List<Expected> expected) {
        // when
        List<Finding> findings = validator.validate(order(change), CLIENT, REFERENCE).findings();

        // then
        assertThat(findings).extracting(Finding::field).containsExactlyElementsOf(
                expected.stream().map(Expected::field).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(findings.get(i).code()).isEqualTo(expected.get(i).code());
            assertThat(findings.get(i).message()).contains(expected.get(i).messagePart());
        }
    }

    @Test
    void theChoiceCarriesTheMethodAndFacilityInTheOrderApisTerms() {
        // when
        ShipmentChoice choice = validator.validate(order(o -> {
        }), CLIENT, REFERENCE).shipment();

        // then
        assertThat(choice).isEqualTo(new ShipmentChoice("normal", "Normal", "PostNord", "normal",
                new BigDecimal("3.90"), "EUR", 3, 6, "se-stockholm-1", "SE"));
    }

    @Test
    void anOrderWithoutCountryIsLeftToTheDataValidator() {
        // when
        var outcome = validator.validate(order(o -> address(o).remove("country")), CLIENT, REFERENCE);

        // then
        assertThat(outcome.findings()).isEmpty();
        assertThat(outcome.shipment()).isNull();
    }
}
