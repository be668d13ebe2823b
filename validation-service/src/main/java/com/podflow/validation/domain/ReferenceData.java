package com.podflow.validation.domain;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A consistent snapshot of the reference data the product and rules validators decide with. */
public record ReferenceData(Map<String, Product> products, List<CustomerProduct> customerProducts,
        List<ShipmentMethod> shipmentMethods, List<Facility> facilities) {

    public ReferenceData {
        products = Map.copyOf(products);
        customerProducts = List.copyOf(customerProducts);
        shipmentMethods = shipmentMethods.stream().sorted(Comparator.comparing(ShipmentMethod::uid)).toList();
        facilities = facilities.stream().sorted(Comparator.comparing(Facility::id)).toList();
    }

    public static ReferenceData of(List<Product> products, List<CustomerProduct> customerProducts,
            List<ShipmentMethod> shipmentMethods, List<Facility> facilities) {
        Map<String, Product> byUid = new LinkedHashMap<>();
        products.forEach(p -> byUid.put(p.uid(), p));
        return new ReferenceData(byUid, customerProducts, shipmentMethods, facilities);
    }

    public Optional<Product> product(String uid) {
        return Optional.ofNullable(uid).map(products::get);
    }

    public Optional<CustomerProduct> customerProduct(String clientId, String name, Map<String, String> variant) {
        String nameKey = CustomerProduct.nameKey(name);
        String variantKey = CustomerProduct.variantKey(variant);
        return customerProducts.stream()
                .filter(c -> c.clientId().equals(clientId) && c.nameKey().equals(nameKey)
                        && c.variantKey().equals(variantKey))
                .findFirst();
    }
}
