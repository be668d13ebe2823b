package com.podflow.events.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.podflow.events.order.ProductUid.Orientation;

class ProductUidTest {

    @ParameterizedTest(name = "{0} is {2} x {3} mm")
    @CsvSource({
            "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor, flat_product, 297, 210",
            "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_ver, flat_product, 210, 297",
            "large-posters_pf_500x700-mm_pt_170-gsm-coated-silk_cl_4-0_ver, large-posters, 500, 700",
            "large-posters_pf_500x700-mm_pt_170-gsm-coated-silk_cl_4-0_hor, large-posters, 700, 500",
            "posters_pf_8x10-inch_pt_170-gsm-coated-silk_cl_4-0_ver, posters, 203.2, 254",
            "framed_poster_mounted_pf_30x40-cm_fc_black_ver, framed_poster_mounted, 300, 400",
            "cards_pf_a6_pt_350-gsm-coated-silk_cl_4-4, cards, 105, 148"})
    void readsFamilyAndPrintSize(String uid, String family, BigDecimal width, BigDecimal height) {
        // when
        ProductUid parsed = ProductUid.parse(uid).orElseThrow();

        // then
        assertThat(parsed.family()).isEqualTo(family);
        ProductUid.PrintSize size = parsed.printSize().orElseThrow();
        assertThat(size.widthMm()).isEqualByComparingTo(width);
        assertThat(size.heightMm()).isEqualByComparingTo(height);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "poster", "my-custom-product", "flat_product_pf", "flat_product_pf__pt_x",
            "flat_product_pf_a4_weird"})
    void refusesWhatIsNotAStructuredUid(String uid) {
        assertThat(ProductUid.parse(uid)).isEmpty();
    }

    @Test
    void keepsEveryAttributeAndTheOrientation() {
        // when
        ProductUid parsed = ProductUid
                .parse("flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor")
                .orElseThrow();

        // then
        assertThat(parsed.attributes()).containsEntry("pf", "a4").containsEntry("pt", "200-gsm-uncoated")
                .containsEntry("cl", "4-0").containsEntry("set", "none").hasSize(7);
        assertThat(parsed.orientation()).isEqualTo(Orientation.LANDSCAPE);
    }

    @Test
    void anUnknownPaperFormatHasNoSize() {
        assertThat(ProductUid.parse("apparel_gca_t-shirt_gsi_m_gco_white").orElseThrow().printSize()).isEmpty();
    }
}
