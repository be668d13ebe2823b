package com.podflow.ledger.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.events.EventJson;

/** JSON for the stored projection: the same settings as the events it is made of. */
final class StateJson {
    static final ObjectMapper MAPPER = EventJson.configure(new ObjectMapper());

    private StateJson() {
    }
}
