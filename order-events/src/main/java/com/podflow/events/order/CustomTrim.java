package com.podflow.events.order;

import java.math.BigDecimal;

/** A custom trim size in millimetres, replacing the product's own size. */
public record CustomTrim(BigDecimal widthMm, BigDecimal heightMm) {}
