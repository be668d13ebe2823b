package com.podflow.validation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The shipped reference files are usable, sizes come from structured uids, and bad entries name their fields. */
class ReferenceChecksTest {

    @Test
    void everyShippedEntryIsValid() {
        // given
        ReferenceData reference = TestData.shipped();

        // then
        assertThat(reference.products().values()).allSatisfy(p -> assertThat(ReferenceChecks.check(p))
                .as(p.uid()).isEmpty());
        assertThat(reference.shipmentMethods()).allSatisfy(m -> assertThat(ReferenceChecks.check(m))
                .as(m.uid()).isEmpty());
        assertThat(reference.facilities()).allSatisfy(f -> assertThat(ReferenceChecks.check(f))
                .as(f.id()).isEmpty());
        assertThat(reference.customerProducts()).allSatisfy(c -> assertThat(ReferenceChecks.check(c))
                .as(c.productName()).isEmpty());
    }

    @Test
    void everyProductAFacilityMakesAndEveryConnectedCustomerProductIsInTheCatalog() {
        // given
        ReferenceData reference = TestData.shipped();

        // then
        assertThat(reference.facilities()).flatExtracting(Facility::products)
                .allSatisfy(uid -> assertThat(reference.products()).containsKey(uid));
        assertThat(reference.customerProducts()).filteredOn(CustomerProduct::connected)
                .allSatisfy(c -> assertThat(reference.products()).containsKey(c.productUid()));
        assertThat(reference.products().keySet()).contains(TestData.A4_CARD, TestData.POSTER);
    }

    @Test
    void theSizeOfAStructuredUidIsItsPrintSize() {
        // given
        ReferenceData reference = TestData.shipped();

        // then: A4 landscape, 50 x 70 cm portrait
        Product card = reference.product(TestData.A4_CARD).orElseThrow();
        assertThat(card.widthMm()).isEqualByComparingTo("297");
        assertThat(card.heightMm()).isEqualByComparingTo("210");
        Product poster = reference.product(TestData.POSTER).orElseThrow();
        assertThat(poster.widthMm()).isEqualByComparingTo("500");
        assertThat(poster.heightMm()).isEqualByComparingTo("700");
    }

    @Test
    void aBadProductNamesEachField() {
        // given
        Product bad = new Product("bad uid", " ", null, null, BigDecimal.TEN, new BigDecimal("-1"), 0, List.of(), 0,
                null, true, List.of("Sweden"), null);

        // when
        List<String> problems = ReferenceChecks.check(bad);

        // then
        assertThat(problems).extracting(p -> p.substring(0, p.indexOf(' '))).containsExactly("uid", "name",
                "widthMm", "bleedMm", "minDpi", "fileTypes", "minQuantity", "shipsTo");
    }

    @Test
    void aSizeThatContradictsTheUidIsRefused() {
        // given
        Product wrong = new Product(TestData.A4_CARD, "A4", null, new BigDecimal("210"), new BigDecimal("297"),
                BigDecimal.ONE, 300, List.of("default"), 1, 10, true, null, null);

        // then
        assertThat(ReferenceChecks.check(wrong)).singleElement().asString()
                .startsWith("widthMm/heightMm (210 x 297) contradict the productUid's print size 297 x 210 mm");
    }

    @Test
    void badShipmentMethodFacilityAndCustomerProductNameTheirFields() {
        assertThat(ReferenceChecks.check(new ShipmentMethod("x", "X", "C", "slow", List.of("SE"), BigDecimal.ONE,
                "euro", 5, 2))).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("tier", "currency", "maxDeliveryDays");
        assertThat(ReferenceChecks.check(new Facility("f", "F", "Germany", List.of())))
                .extracting(p -> p.substring(0, p.indexOf(' '))).containsExactly("country", "products");
        assertThat(ReferenceChecks.check(new CustomerProduct(null, "P", Map.of(), null)))
                .extracting(p -> p.substring(0, p.indexOf(' '))).containsExactly("clientId", "productVariant");
    }
}
