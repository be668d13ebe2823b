package com.podflow.events.order.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.ShippingAddress;

/** The order's shape and format rules, as the Order API and the data validator both apply them. */
class OrderConstraintsTest {
    static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    static ShippingAddress address(String country, String state, String postCode, String email, String phone) {
        return new ShippingAddress(country, "My first name", "My last name", "MyCompany", "17", "Address 1", "City",
                postCode, state, email, phone, null, null, null, null);
    }

    static ShippingAddress seedAddress() {
        return address("SE", "", "11111", "me@example.com", "+47222222");
    }

    static OrderItem item(String reference, String productUid, List<OrderFile> files) {
        return new OrderItem(reference, productUid, null, null, 1, new BigDecimal("19.99"), files, null, null);
    }

    static OrderItem seedItem() {
        return item("test1", "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor",
                List.of(new OrderFile("default", "https://www.example.com/path/to/printfile.pdf", null)));
    }

    /** The seed's example order (the API reference's curl). */
    static Order seed() {
        return new Order("test", "order", null, "EUR", "GBP", new BigDecimal("6.99"), "normal,standard,fed_ex_2_day",
                true, seedAddress(), List.of(seedItem()), null, null);
    }

    static Order withAddress(ShippingAddress address) {
        Order o = seed();
        return new Order(o.orderReferenceId(), o.orderType(), null, o.currency(), o.retailCurrency(),
                o.retailShippingPriceInclVat(), o.shipmentMethodUid(), true, address, o.items(), null, null);
    }

    static Order withItems(List<OrderItem> items) {
        Order o = seed();
        return new Order(o.orderReferenceId(), o.orderType(), null, o.currency(), o.retailCurrency(),
                o.retailShippingPriceInclVat(), o.shipmentMethodUid(), true, o.shippingAddress(), items, null, null);
    }

    static List<Finding> check(Order order) {
        return OrderViolations.findings(VALIDATOR.validate(order));
    }

    @Test
    void theSeedOrderIsValid() {
        assertThat(check(seed())).isEmpty();
    }

    @Test
    void aMissingCountryIsNamedOnceWithItsPath() {
        // when
        List<Finding> findings = check(withAddress(address(null, "", "11111", "me@example.com", "+47222222")));

        // then exactly one finding, although the constraint sits on a record component
        assertThat(findings).containsExactly(new Finding(RefusalCodes.MISSING_REQUIRED_FIELD,
                "shippingAddress.country", "shippingAddress.country is required"));
        assertThat(OrderViolations.apiMessage(findings))
                .isEqualTo("Invalid shipping address: shippingAddress.country is required");
    }

    @ParameterizedTest(name = "{0}/{1}/{2}/{3}/{4} -> {5} at {6}")
    @CsvSource(delimiter = '|', value = {
            "SE|    |11111   |me@example   |+47222222      |invalid_email         |shippingAddress.email",
            "SE|    |11111   |not-an-email |+47222222      |invalid_email         |shippingAddress.email",
            "SE|    |11111   |me@example.com|call me       |invalid_phone         |shippingAddress.phone",
            "SE|    |11111   |me@example.com|+999 1234567  |invalid_phone         |shippingAddress.phone",
            "SE|    |11111   |me@example.com|+46 12345678901234567|invalid_phone  |shippingAddress.phone",
            "XX|    |11111   |me@example.com|+47222222     |invalid_address       |shippingAddress.country",
            "se|    |11111   |me@example.com|+47222222     |invalid_address       |shippingAddress.country",
            "US|    |10001   |me@example.com|+1 212 555 0100|missing_required_field|shippingAddress.state",
            "US|ZZ  |10001   |me@example.com|+1 212 555 0100|invalid_address      |shippingAddress.state",
            "US|NY  |1000    |me@example.com|+1 212 555 0100|invalid_address      |shippingAddress.postCode",
            "CA|ON  |12345   |me@example.com|+1 416 555 0100|invalid_address      |shippingAddress.postCode",
            "AU|    |2000    |me@example.com|+61 2 9999 0000|missing_required_field|shippingAddress.state",
            "DE|    |        |me@example.com|+49 30 123456  |missing_required_field|shippingAddress.postCode",
            "GB|    |SW1A1AAA|me@example.com|+44 20 7946 0000|invalid_address     |shippingAddress.postCode"})
    void addressRulesGiveTheirCodes(String country, String state, String postCode, String email, String phone,
            String code, String field) {
        // when
        List<Finding> findings = check(withAddress(address(country, state, postCode, email, phone)));

        // then
        assertThat(findings).extracting(Finding::code, Finding::field).containsExactly(
                tuple(code, field));
        assertThat(findings.get(0).message()).startsWith(field + " ");
    }

    @ParameterizedTest(name = "{0}/{1}/{2} is a valid address")
    @CsvSource(delimiter = '|', value = {
            "US|NY |10001-1234|+1 212 555 0100",
            "CA|ON |K1A 0B1   |+1 613 555 0100",
            "AU|NSW|2000      |+61 2 9999 0000",
            "GB|   |SW1A 1AA  |+44 20 7946 0000",
            "HK|   |          |+852 2123 4567",
            "NL|   |1012 AB   |020 123 4567",
            "IE|   |          |+353 1 234 5678"})
    void validAddressesPass(String country, String state, String postCode, String phone) {
        assertThat(check(withAddress(address(country, state, postCode, "me@example.com", phone)))).isEmpty();
    }

    @Test
    void anItemNamesItsProductOneWay() {
        var both = new OrderItem("a", "some_pf_a4_hor", "My mug", JsonNodeFactory.instance.objectNode().put("s", "m"),
                1, null, seedItem().files(), null, null);
        var neither = new OrderItem("b", null, null, null, 1, null, seedItem().files(), null, null);
        var nameOnly = new OrderItem("c", null, "My mug", null, 1, null, seedItem().files(), null, null);
        var customer = new OrderItem("d", null, "My mug", JsonNodeFactory.instance.objectNode().put("s", "m"), 1,
                null, seedItem().files(), null, null);

        // when
        List<Finding> findings = check(withItems(List.of(both, neither, nameOnly, customer)));

        // then
        assertThat(findings).extracting(Finding::code, Finding::field).containsExactly(
                tuple(RefusalCodes.INVALID_PRODUCT, "items[0].productUid"),
                tuple(RefusalCodes.MISSING_REQUIRED_FIELD, "items[1].productUid"),
                tuple(RefusalCodes.MISSING_REQUIRED_FIELD, "items[2].productVariant"));
    }

    @Test
    void fieldFormatsAreChecked() {
        var files = List.of(new OrderFile("default", "ftp://example.com/a.pdf", null),
                new OrderFile("default", "https://example.com/b.pdf", null),
                new OrderFile("bad type!", "https://user:pw@example.com/c.pdf", null));
        var item = new OrderItem("i1", seedItem().productUid(), null, null, 0, new BigDecimal("-1"), files, null,
                List.of(new MetadataEntry("", "x")));
        Order o = withItems(List.of(item));
        Order order = new Order(o.orderReferenceId(), "express", null, "EURO", "gbp", null, null, null,
                o.shippingAddress(), o.items(), null, null);

        // when
        List<Finding> findings = check(order);

        // then
        assertThat(findings).extracting(Finding::field).containsExactly("currency", "items[0].files[0].url",
                "items[0].files[1].type", "items[0].files[2].type", "items[0].files[2].url",
                "items[0].metadata[0].key", "items[0].quantity", "items[0].retailPriceInclVat", "orderType",
                "retailCurrency");
        assertThat(findings).filteredOn(f -> f.field().equals("currency")).extracting(Finding::code)
                .containsExactly(RefusalCodes.INVALID_FIELD);
        assertThat(findings).filteredOn(f -> f.field().equals("items[0].metadata[0].key")).extracting(Finding::code)
                .containsExactly(RefusalCodes.MISSING_REQUIRED_FIELD);
    }

    @Test
    void packagingRefersToRealItemsAndOrderedQuantities() {
        Order o = seed();
        var packaging = List.of(
                new PackagingInstruction(List.of(new PackagingInstruction.PackageItem("test1", 1),
                        new PackagingInstruction.PackageItem("nope", 1)), null),
                new PackagingInstruction(List.of(new PackagingInstruction.PackageItem("test1", 1)),
                        new PackagingInstruction.PackingSlip("https://example.com/slip.pdf")));
        Order order = new Order(o.orderReferenceId(), o.orderType(), null, o.currency(), o.retailCurrency(),
                o.retailShippingPriceInclVat(), o.shipmentMethodUid(), true, o.shippingAddress(), o.items(),
                packaging, null);

        // when
        List<Finding> findings = check(order);

        // then
        assertThat(findings).extracting(Finding::field).containsExactly(
                "packagingInstructions[0].packageItems[1].orderItemReferenceId",
                "packagingInstructions[1].packageItems[0].quantity");
        assertThat(findings.get(1).message()).contains("packs 2 of item \"test1\" in all, but only 1 were ordered");
    }

    @Test
    void clientDataInMessagesIsNeverInterpreted() {
        // given two items with the same reference, which looks like an expression
        String reference = "${1+1}{x}\\";
        var items = new ArrayList<OrderItem>();
        items.add(item(reference, seedItem().productUid(), seedItem().files()));
        items.add(item(reference, seedItem().productUid(), seedItem().files()));

        // when
        List<Finding> findings = check(withItems(items));

        // then
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("items[1].itemReferenceId");
            assertThat(f.message()).contains("\"" + reference + "\" is used by more than one item");
        });
    }

    @Test
    void apiMessagesGroupByPartOfTheOrder() {
        Order o = withAddress(address("SE", "", "11111", "nope", "+47222222"));
        Order order = new Order(o.orderReferenceId(), o.orderType(), null, null, null, null, null, null,
                o.shippingAddress(), o.items(), null, null);

        // when
        String message = OrderViolations.apiMessage(check(order));

        // then
        assertThat(message).isEqualTo("Invalid order: currency is required. Invalid shipping address:"
                + " shippingAddress.email is not a valid format (an e-mail address such as \"me@example.com\")");
    }
}
