package com.podflow.intake.channels.service;

import jakarta.enterprise.context.RequestScoped;

/**
 * The stages of the current request that the requests log keeps beside the payload and the answer: the template's
 * output (where a template ran) and the order as it was submitted (where a channel built one).
 */
@RequestScoped
public class ChannelStages {
    private String templateOutput;
    private String finalOrder;

    public void templateOutput(String output) {
        this.templateOutput = output;
    }

    public void finalOrder(String order) {
        this.finalOrder = order;
    }

    public String templateOutput() {
        return templateOutput;
    }

    public String finalOrder() {
        return finalOrder;
    }
}
