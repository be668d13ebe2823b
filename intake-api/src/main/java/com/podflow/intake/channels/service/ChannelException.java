package com.podflow.intake.channels.service;

import java.util.List;

/** A refusal of a channel (template, connector, storefront) naming the stage that failed and every problem. */
public class ChannelException extends RuntimeException {
    private final int status;
    private final String stage;
    private final List<Problem> problems;

    /**
     * One problem: the stage ({@code template}, {@code order}, {@code mapping}), the field at fault (an order field, or
     * {@code template}), a code, a message, and the template's line where there is one.
     */
    public record Problem(String stage, String field, String code, String message, Integer line) {}

    public ChannelException(int status, String stage, String message, List<Problem> problems) {
        super(message);
        this.status = status;
        this.stage = stage;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public String stage() {
        return stage;
    }

    public List<Problem> problems() {
        return problems;
    }
}
