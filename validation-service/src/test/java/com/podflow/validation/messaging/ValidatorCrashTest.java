package com.podflow.validation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.podflow.events.OrderReceived;
import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;

/** A validator that throws fails the order with {@code internal_error} under its own name; it never stays silent. */
class ValidatorCrashTest {
    static final OrderReceived RECEIVED = new OrderReceived("order-1", "client-1", 3, "api", null, Instant.now());

    @Test
    void aCrashingValidatorReportsAnInternalError() {
        // when
        var event = ValidationConsumer.result(RECEIVED, Validators.RULES, () -> {
            throw new IllegalStateException("boom");
        });

        // then
        assertThat(event).isInstanceOfSatisfying(ValidationFailed.class, failed -> {
            assertThat(failed.validator()).isEqualTo(Validators.RULES);
            assertThat(failed.attempt()).isEqualTo(3);
            assertThat(failed.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(RefusalCodes.INTERNAL_ERROR);
                assertThat(f.message()).contains("submit it again later or contact support");
            });
        });
    }

    @Test
    void noFindingsIsAPass() {
        // when
        var event = ValidationConsumer.result(RECEIVED, Validators.PRODUCT,
                () -> ValidationConsumer.outcome(List.of(), null));

        // then
        assertThat(event).isInstanceOfSatisfying(ValidationPassed.class,
                passed -> assertThat(passed.validator()).isEqualTo(Validators.PRODUCT));
    }
}
