package com.podflow.events.order;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A print file of an item: a print area {@code type} and a public URL. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderFile(String type, String url, List<MetadataEntry> metadata) {}
