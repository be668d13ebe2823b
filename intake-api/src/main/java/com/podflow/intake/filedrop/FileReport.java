package com.podflow.intake.filedrop;

import java.util.List;

/**
 * What became of a dropped file, written as JSON beside it: {@code <name>.report.json} in {@code archive/} when at
 * least one order was accepted, {@code <name>.errors.json} in {@code error/} when none was.
 *
 * @param file the file's name
 * @param accepted the orders accepted (their reference and id)
 * @param problems every refusal: the row (CSV: line, header = 1; JSON: 1-based position in the array), the order's
 *            reference, the field (order path, or CSV column) and a code
 */
record FileReport(String file, List<Accepted> accepted, List<Problem> problems) {
    record Accepted(int row, String orderReferenceId, String id) {}

    record Problem(int row, String orderReferenceId, String field, String code, String message) {}
}
