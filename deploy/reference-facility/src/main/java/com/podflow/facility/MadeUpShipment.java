package com.podflow.facility;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The parcel the reference facility pretends to hand over: the carrier of the request, a tracking code derived from
 * order and attempt (so a report sent again after a restart is identical), a tracking URL naming the shipment method
 * and destination (so a forwarded shipment update visibly changes it).
 */
public record MadeUpShipment(String carrier, String trackingCode, String shipmentMethodUid, String country) {

    public static MadeUpShipment of(ProductionRequest request) {
        return new MadeUpShipment(request.carrier(),
                "RF" + sha256Hex(request.orderId() + "/" + request.attempt()).substring(0, 12).toUpperCase(),
                request.shipmentMethodUid(), request.country());
    }

    /** The shipment after the client changed method and/or address (null: unchanged). */
    public MadeUpShipment updated(String newMethodUid, String newCountry) {
        return new MadeUpShipment(carrier, trackingCode,
                newMethodUid == null || newMethodUid.isBlank() ? shipmentMethodUid : newMethodUid,
                newCountry == null || newCountry.isBlank() ? country : newCountry);
    }

    public String trackingUrl() {
        return "https://tracking.example.com/" + carrier.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "/"
                + trackingCode + "?method=" + shipmentMethodUid + "&to=" + country;
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
