package com.podflow.events.order;

/** A client's key/value annotation at order, item or file level, stored and returned as given. */
public record MetadataEntry(String key, String value) {}
