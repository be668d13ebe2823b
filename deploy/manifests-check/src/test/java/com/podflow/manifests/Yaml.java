package com.podflow.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;

/** Reads YAML files (several documents each, YAML merge keys resolved) into maps, as kubectl and compose do. */
final class Yaml {

    private Yaml() {
    }

    /** Every non-empty document of the file, in order. */
    static List<Map<String, Object>> documents(Path file) {
        try {
            return documents(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String text, String origin) {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // a key given twice is an error, not "the last one wins"
        var result = new ArrayList<Map<String, Object>>();
        for (Object document : new org.yaml.snakeyaml.Yaml(options).loadAll(text)) {
            if (document == null) {
                continue; // a comment-only document before the first "---"
            }
            if (!(document instanceof Map)) {
                throw new IllegalArgumentException(origin + ": a document that is not a mapping: " + document);
            }
            result.add((Map<String, Object>) document);
        }
        return result;
    }

    /** The single document of the file. */
    static Map<String, Object> document(Path file) {
        var documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one document, found " + documents.size());
        }
        return documents.get(0);
    }
}
