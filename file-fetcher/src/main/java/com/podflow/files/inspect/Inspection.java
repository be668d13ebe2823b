package com.podflow.files.inspect;

import java.util.List;

/**
 * What inspecting one file's bytes found: its real type, measurements (null when they do not apply), its colour space
 * ({@code rgb}, {@code cmyk}, {@code gray}, {@code mixed}; null when unknown), the problems, each with a refusal code
 * and a message with the numbers, and notes (noticed, not refused).
 */
public record Inspection(String mimeType, Integer dpi, Integer widthPx, Integer heightPx, Integer pageCount,
        List<Problem> problems, String colorSpace, List<String> notes) {

    public Inspection {
        problems = List.copyOf(problems);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** An inspection without colour facts or notes. */
    public Inspection(String mimeType, Integer dpi, Integer widthPx, Integer heightPx, Integer pageCount,
            List<Problem> problems) {
        this(mimeType, dpi, widthPx, heightPx, pageCount, problems, null, List.of());
    }

    /** This inspection with the colour space and, when RGB is noted rather than refused, a note or a problem. */
    Inspection withColours(ColorSpace colorSpace, Problem problem, String note) {
        List<Problem> allProblems = new java.util.ArrayList<>(problems);
        if (problem != null) {
            allProblems.add(problem);
        }
        List<String> allNotes = new java.util.ArrayList<>(notes);
        if (note != null) {
            allNotes.add(note);
        }
        return new Inspection(mimeType, dpi, widthPx, heightPx, pageCount, allProblems,
                colorSpace == null ? null : colorSpace.wireName, allNotes);
    }

    /** One thing wrong with the file. */
    public record Problem(String code, String message) {}

    public boolean ok() {
        return problems.isEmpty();
    }
}
