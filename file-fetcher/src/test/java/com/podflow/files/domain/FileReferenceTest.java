package com.podflow.files.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.PackagingInstruction.PackingSlip;

/** Which URLs of an order get fetched, under which field, and what size each must be printed at. */
class FileReferenceTest {
    static final String A4_LANDSCAPE = "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor";

    static OrderItem item(String reference, String uid, CustomTrim trim, String... urls) {
        List<OrderFile> files = Arrays.stream(urls).map(url -> new OrderFile("default", url, null)).toList();
        return new OrderItem(reference, uid, null, null, 1, null, files, trim, null);
    }

    static Order order(List<OrderItem> items, List<PackagingInstruction> packaging) {
        return new Order("ref", "order", null, "EUR", null, null, null, null, null, items, packaging, null);
    }

    @Test
    void everyPrintFileAndPackingSlipIsCollectedInDocumentOrder() {
        // given
        Order order = order(List.of(item("i1", A4_LANDSCAPE, null, "https://a.test/1.pdf", "https://a.test/2.pdf"),
                item("i2", "uid-without-structure", null, "https://a.test/3.pdf")),
                List.of(new PackagingInstruction(null, new PackingSlip("https://a.test/slip.pdf"))));
        TrimSize a4 = new TrimSize(297, 210, "productUid");

        // when
        List<FileReference> references = FileReference.of(order);

        // then
        assertThat(references).containsExactly(
                new FileReference("items[0].files[0].url", "https://a.test/1.pdf", FileReference.Kind.PRINT_FILE,
                        "i1", "default", a4),
                new FileReference("items[0].files[1].url", "https://a.test/2.pdf", FileReference.Kind.PRINT_FILE,
                        "i1", "default", a4),
                new FileReference("items[1].files[0].url", "https://a.test/3.pdf", FileReference.Kind.PRINT_FILE,
                        "i2", "default", null),
                new FileReference("packagingInstructions[0].packingSlip.fileUrl", "https://a.test/slip.pdf",
                        FileReference.Kind.PACKING_SLIP, null, "packing_slip", null));
    }

    @Test
    void aCustomTrimOverridesTheProductSize() {
        // given
        CustomTrim trim = new CustomTrim(new BigDecimal("100"), new BigDecimal("70.5"));
        Order order = order(List.of(item("i1", A4_LANDSCAPE, trim, "https://a.test/1.pdf"),
                item("i2", A4_LANDSCAPE, new CustomTrim(null, BigDecimal.TEN), "https://a.test/2.pdf")), null);

        // when
        List<FileReference> references = FileReference.of(order);

        // then
        assertThat(references).extracting(FileReference::trim).containsExactly(
                new TrimSize(100, 70.5, "customTrim"), new TrimSize(297, 210, "productUid"));
    }

    @Test
    void missingAndBlankUrlsAreLeftToTheDataValidator() {
        // given
        OrderItem noFiles = new OrderItem("item", "uid", null, null, 1, null, null, null, null);
        Order order = order(Arrays.asList(noFiles, null, item("item", "uid", null, " ", "https://a.test/1.pdf")),
                Arrays.asList(new PackagingInstruction(null, null), null,
                        new PackagingInstruction(null, new PackingSlip(null))));

        // when
        List<FileReference> references = FileReference.of(order);

        // then
        assertThat(references).extracting(FileReference::field, FileReference::url)
                .containsExactly(org.assertj.core.api.Assertions.tuple("items[2].files[1].url",
                        "https://a.test/1.pdf"));
    }

    @Test
    void anOrderWithoutItemsHasNoFiles() {
        assertThat(FileReference.of(order(null, null))).isEmpty();
        assertThat(FileReference.of(null)).isEmpty();
    }
}
