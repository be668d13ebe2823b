package com.podflow.intake.filedrop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.ShippingAddress;

/**
 * Bulk CSV: a header row naming the columns (any order), then one row per item; rows with the same orderReferenceId
 * form one order (order-level columns are taken from the order's first row). Row numbers count the header as row 1.
 */
final class CsvOrders {
    static final List<String> COLUMNS = List.of("orderReferenceId", "customerReferenceId", "currency",
            "shipmentMethodUid", "firstName", "lastName", "companyName", "addressLine1", "addressLine2", "city",
            "postCode", "state", "country", "email", "phone", "itemReferenceId", "productUid", "quantity", "fileUrl",
            "fileType");
    static final Set<String> REQUIRED = Set.of("orderReferenceId", "itemReferenceId", "quantity", "fileUrl");

    private CsvOrders() {
    }

    /** An order read from the file, with the row of each of its items (the first is the order's row). */
    record Parsed(String orderReferenceId, Order order, List<Integer> itemRows, List<FileReport.Problem> problems) {}

    /** The whole file cannot be read: a problem with the header or the quoting. */
    static final class BadFile extends RuntimeException {
        final FileReport.Problem problem;

        BadFile(FileReport.Problem problem) {
            super(problem.message());
            this.problem = problem;
        }
    }

    static List<Parsed> parse(String text) {
        List<List<String>> rows = rows(text);
        if (rows.isEmpty()) {
            throw new BadFile(new FileReport.Problem(1, null, null, "empty", "The file has no header row"));
        }
        List<String> header = rows.get(0).stream().map(String::trim).toList();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                throw new BadFile(new FileReport.Problem(1, null, column, "unknown_column",
                        "Unknown column '" + column + "'; the columns are " + COLUMNS));
            }
        }
        for (String column : REQUIRED) {
            if (!header.contains(column)) {
                throw new BadFile(new FileReport.Problem(1, null, column, "missing_column",
                        "The column '" + column + "' is required"));
            }
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        List<FileReport.Problem> orphans = new ArrayList<>();
        List<Map<String, String>> records = new ArrayList<>();
        records.add(Map.of());
        for (int i = 1; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            Map<String, String> record = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String value = c < cells.size() ? cells.get(c).trim() : "";
                record.put(header.get(c), value.isEmpty() ? null : value);
            }
            records.add(record);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue; // an empty line
            }
            String reference = record.get("orderReferenceId");
            if (reference == null) {
                orphans.add(new FileReport.Problem(i + 1, null, "orderReferenceId", "required",
                        "orderReferenceId is required"));
                continue;
            }
            groups.computeIfAbsent(reference, r -> new ArrayList<>()).add(i);
        }
        List<Parsed> orders = new ArrayList<>();
        if (!orphans.isEmpty()) {
            orders.add(new Parsed(null, null, List.of(), orphans));
        }
        groups.forEach((reference, indexes) -> orders.add(order(reference, indexes, records)));
        return orders;
    }

    private static Parsed order(String reference, List<Integer> indexes, List<Map<String, String>> records) {
        Map<String, String> first = records.get(indexes.get(0));
        List<FileReport.Problem> problems = new ArrayList<>();
        List<OrderItem> items = new ArrayList<>();
        List<Integer> itemRows = new ArrayList<>();
        for (int index : indexes) {
            Map<String, String> row = records.get(index);
            Integer quantity = null;
            String q = row.get("quantity");
            if (q != null) {
                try {
                    quantity = Integer.valueOf(q);
                } catch (NumberFormatException e) {
                    problems.add(new FileReport.Problem(index + 1, reference, "quantity", "invalid",
                            "quantity must be a whole number, not '" + q + "'"));
                }
            }
            String fileUrl = row.get("fileUrl");
            List<OrderFile> files = fileUrl == null
                    ? List.of()
                    : List.of(new OrderFile(row.get("fileType") == null ? "default" : row.get("fileType"), fileUrl,
                            null));
            items.add(new OrderItem(row.get("itemReferenceId"), row.get("productUid"), null, null, quantity,
                    (BigDecimal) null, files, null, null));
            itemRows.add(index + 1);
        }
        ShippingAddress address = new ShippingAddress(first.get("country"), first.get("firstName"),
                first.get("lastName"), first.get("companyName"), first.get("addressLine1"), first.get("addressLine2"),
                first.get("city"), first.get("postCode"), first.get("state"), first.get("email"), first.get("phone"),
                null, null, null, null);
        Order order = new Order(reference, "order", first.get("customerReferenceId"),
                first.get("currency") == null ? "EUR" : first.get("currency"), null, null,
                first.get("shipmentMethodUid"), null, address, items, null, null);
        return new Parsed(reference, order, itemRows, problems);
    }

    /** RFC 4180: commas, double quotes around cells that hold commas, quotes or line breaks ("" is a quote). */
    static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                line++;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new BadFile(new FileReport.Problem(line, null, null, "unclosed_quote",
                    "A quoted cell is not closed"));
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        if (!rows.isEmpty() && !rows.get(0).isEmpty() && rows.get(0).get(0).startsWith("\uFEFF")) {
            rows.get(0).set(0, rows.get(0).get(0).substring(1));
        }
        return rows;
    }
}
