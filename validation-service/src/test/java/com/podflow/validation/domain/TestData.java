package com.podflow.validation.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.events.order.Order;

/** The reference data the module ships, and orders built from the API reference's seed order. */
final class TestData {
    static final String CLIENT = "00000000-0000-4000-8000-000000000001";
    static final String A4_CARD = "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor";
    static final String A6_POSTCARD = "flat_product_pf_a6_pt_350-gsm-uncoated_cl_4-4_ct_none_prt_none_sft_none_set_none_hor";
    static final String POSTER = "large-posters_pf_500x700-mm_pt_170-gsm-coated-silk_cl_4-0_ver";
    static final String FRAMED_BLACK = "framed-posters_pf_a3_pt_200-gsm-matte_cl_4-0_fc_black_ver";
    static final String T_SHIRT = "apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_m_gco_white_gpr_4-0";

    /** The seed order of the Order API reference, without retail prices. */
    static final String SEED = """
            { "orderReferenceId": "test", "orderType": "order", "currency": "EUR",
              "shipmentMethodUid": "normal,standard,fed_ex_2_day",
              "shippingAddress": { "country": "SE", "firstName": "My first name", "lastName": "My last name",
                "addressLine1": "17", "addressLine2": "Address 1", "city": "City", "postCode": "11111", "state": "",
                "email": "me@example.com", "phone": "+47222222", "companyName": "MyCompany" },
              "items": [ { "itemReferenceId": "test1",
                "productUid": "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor",
                "quantity": 1,
                "files": [ { "type": "default", "url": "https://www.example.com/path/to/printfile.pdf" } ] } ] }
            """;

    private TestData() {
    }

    static ReferenceData shipped() {
        return ReferenceData.of(
                read("products.json", Product[].class).stream().map(ReferenceChecks::withDefaults).toList(),
                read("customer-products.json", CustomerProduct[].class),
                read("shipment-methods.json", ShipmentMethod[].class),
                read("facilities.json", Facility[].class));
    }

    static <T> List<T> read(String file, Class<T[]> type) {
        try (InputStream in = TestData.class.getClassLoader().getResourceAsStream("reference/" + file)) {
            return Arrays.asList(EventJson.mapper().readValue(in, type));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Order order(Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(SEED);
            change.accept(json);
            return EventJson.mapper().treeToValue(json, Order.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode item(ObjectNode order, int index) {
        return (ObjectNode) order.get("items").get(index);
    }

    static ObjectNode address(ObjectNode order) {
        return (ObjectNode) order.get("shippingAddress");
    }

    /** Makes item {@code index} a customer product. */
    static void customerProduct(ObjectNode order, int index, String name, String... variant) {
        ObjectNode item = item(order, index);
        item.remove("productUid");
        item.put("productName", name);
        ObjectNode v = item.putObject("productVariant");
        for (int i = 0; i < variant.length; i += 2) {
            v.put(variant[i], variant[i + 1]);
        }
    }

    /** Adds a second item with {@code productUid}. */
    static void addItem(ObjectNode order, String productUid, int quantity) {
        ObjectNode second = item(order, 0).deepCopy().put("itemReferenceId", "test2").put("productUid", productUid)
                .put("quantity", quantity);
        ((ArrayNode) order.get("items")).add(second);
    }

    static void retailPrices(ObjectNode order) {
        order.put("retailCurrency", "GBP").put("retailShippingPriceInclVat", 6.99);
        order.get("items").forEach(i -> ((ObjectNode) i).put("retailPriceInclVat", 19.99));
    }
}
