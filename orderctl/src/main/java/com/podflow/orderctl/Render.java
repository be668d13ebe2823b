package com.podflow.orderctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Human-readable output: aligned tables for lists, "key: value" lines for objects. Columns are chosen from a preferred
 * list by what the rows carry, so a field the server adds later shows up with {@code --json} and does not break the
 * table.
 */
final class Render {
    static final int MAX_CELL = 60;

    private Render() {
    }

    /** A table of {@code rows} (objects) with the preferred columns they have, or all their scalar fields. */
    static void table(PrintWriter out, JsonNode rows, List<String> preferred) {
        if (rows == null || !rows.isArray() || rows.isEmpty()) {
            out.println("(none)");
            return;
        }
        List<String> columns = columns(rows, preferred);
        List<List<String>> cells = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> line = new ArrayList<>();
            for (String column : columns) {
                line.add(cell(row.get(column)));
            }
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (List<String> line : cells) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        out.println(line(columns.stream().map(String::toUpperCase).toList(), widths));
        for (List<String> line : cells) {
            out.println(line(line, widths));
        }
    }

    static List<String> columns(JsonNode rows, List<String> preferred) {
        Set<String> present = new LinkedHashSet<>();
        for (JsonNode row : rows) {
            row.fieldNames().forEachRemaining(present::add);
        }
        List<String> columns = new ArrayList<>(preferred.stream().filter(present::contains).toList());
        if (columns.isEmpty()) {
            JsonNode first = rows.get(0);
            for (Iterator<Map.Entry<String, JsonNode>> it = first.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isValueNode()) {
                    columns.add(field.getKey());
                }
            }
        }
        return columns;
    }

    /** "key: value" for each given field the object has, in that order. */
    static void fields(PrintWriter out, JsonNode object, List<String> keys) {
        int width = keys.stream().filter(object::has).mapToInt(String::length).max().orElse(0);
        for (String key : keys) {
            if (object.hasNonNull(key)) {
                out.println(pad(key + ":", width + 1) + " " + cell(object.get(key), 200));
            }
        }
    }

    static String cell(JsonNode value) {
        return cell(value, MAX_CELL);
    }

    static String cell(JsonNode value, int max) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        String text;
        if (value.isValueNode()) {
            text = value.asText();
        } else {
            try {
                text = Api.JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                text = value.toString();
            }
        }
        text = text.replace('\n', ' ');
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    /** The list a response carries: itself when it is an array, else its first array field (e.g. "orders"). */
    static JsonNode list(JsonNode response) {
        if (response == null || response.isArray()) {
            return response;
        }
        for (Iterator<JsonNode> it = response.elements(); it.hasNext();) {
            JsonNode value = it.next();
            if (value.isArray()) {
                return value;
            }
        }
        return null;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]));
        }
        return sb.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
