package com.podflow.facility;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The contract's v1 fixtures, read as raw JSON (the facility knows the contract, not podflow's records). */
final class Fixtures {
    private Fixtures() {
    }

    static ObjectNode productionRequested() {
        return read("order.production-requested.v1.json");
    }

    static ObjectNode read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/com/podflow/events/fixtures/" + name)) {
            return (ObjectNode) Reports.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
