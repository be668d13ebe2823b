package com.podflow.files.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.PackagingInstruction.PackingSlip;

/** Which URLs of an order get fetched, and under which field. */
class FileReferenceTest {

    static OrderItem item(String... urls) {
        List<OrderFile> files = Arrays.stream(urls).map(url -> new OrderFile("default", url, null)).toList();
        return new OrderItem("item", "uid", null, null, 1, null, files, null, null);
    }

    static Order order(List<OrderItem> items, List<PackagingInstruction> packaging) {
        return new Order("ref", "order", null, "EUR", null, null, null, null, null, items, packaging, null);
    }

    @Test
    void everyPrintFileAndPackingSlipIsCollectedInDocumentOrder() {
        // given
        Order order = order(List.of(item("https://a.test/1.pdf", "https://a.test/2.pdf"), item("https://a.test/3.pdf")),
                List.of(new PackagingInstruction(null, new PackingSlip("https://a.test/slip.pdf"))));

        // when
        List<FileReference> references = FileReference.of(order);

        // then
        assertThat(references).containsExactly(
                new FileReference("items[0].files[0].url", "https://a.test/1.pdf"),
                new FileReference("items[0].files[1].url", "https://a.test/2.pdf"),
                new FileReference("items[1].files[0].url", "https://a.test/3.pdf"),
                new FileReference("packagingInstructions[0].packingSlip.fileUrl", "https://a.test/slip.pdf"));
    }

    @Test
    void missingAndBlankUrlsAreLeftToTheDataValidator() {
        // given
        OrderItem noFiles = new OrderItem("item", "uid", null, null, 1, null, null, null, null);
        Order order = order(Arrays.asList(noFiles, null, item(" ", "https://a.test/1.pdf")),
                Arrays.asList(new PackagingInstruction(null, null), null,
                        new PackagingInstruction(null, new PackingSlip(null))));

        // when
        List<FileReference> references = FileReference.of(order);

        // then
        assertThat(references).containsExactly(new FileReference("items[2].files[1].url", "https://a.test/1.pdf"));
    }

    @Test
    void anOrderWithoutItemsHasNoFiles() {
        assertThat(FileReference.of(order(null, null))).isEmpty();
        assertThat(FileReference.of(null)).isEmpty();
    }
}
