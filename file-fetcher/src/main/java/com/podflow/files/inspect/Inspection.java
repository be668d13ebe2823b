package com.podflow.files.inspect;

import java.util.List;

/**
 * What inspecting one file's bytes found: its real type, measurements (null when they do not apply) and the problems,
 * each with a refusal code and a message with the numbers.
 */
public record Inspection(String mimeType, Integer dpi, Integer widthPx, Integer heightPx, Integer pageCount,
        List<Problem> problems) {

    public Inspection {
        problems = List.copyOf(problems);
    }

    /** One thing wrong with the file. */
    public record Problem(String code, String message) {}

    public boolean ok() {
        return problems.isEmpty();
    }
}
