package com.podflow.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StepPlanTest {

    @Test
    void theStepsFollowTheContractsForwardOrder() {
        // given the first step
        List<String> kinds = new ArrayList<>();
        Optional<Step> step = Optional.of(Step.ACCEPTED);

        // when the plan is walked
        while (step.isPresent()) {
            kinds.add(step.get().kind());
            step = step.get().next();
        }

        // then
        assertThat(kinds).containsExactly("accepted", "in_production", "printed", "packaged", "shipped",
                "in_transit", "delivered");
    }

    @Test
    void acceptedGoesOutAtOnceAndEveryLaterStepOneDelayAfterThePrevious() {
        Duration delay = Duration.ofMillis(750);
        assertThat(Step.ACCEPTED.delay(delay)).isZero();
        assertThat(List.of(Step.values()).subList(1, Step.values().length))
                .allSatisfy(step -> assertThat(step.delay(delay)).isEqualTo(delay));
    }

    @Test
    void aCancelIsRefusedOnlyOnceShipped() {
        assertThat(List.of(Step.values())).filteredOn(Step::isShippedOrLater)
                .containsExactly(Step.SHIPPED, Step.IN_TRANSIT, Step.DELIVERED);
    }

    @Test
    void settingsReadTheCommandLine() {
        FacilitySettings settings = FacilitySettings.parse("--bootstrap-servers", "127.0.0.1:19092",
                "--facility-id=a,b", "--step-delay", "250ms", "--group-id", "g");

        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(settings.facilityIds()).containsExactlyInAnyOrder("a", "b");
        assertThat(settings.stepDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.groupId()).isEqualTo("g");
        assertThat(settings.serves("a")).isTrue();
        assertThat(settings.serves("c")).isFalse();
        assertThat(FacilitySettings.parse().serves("any")).isTrue();
        assertThat(FacilitySettings.parse("--step-delay", "0").stepDelay()).isZero();
        assertThat(FacilitySettings.parse("--step-delay", "PT2S").stepDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> FacilitySettings.parse("--step-delay", "soon"))
                .hasMessageContaining("--step-delay 'soon' is not a duration");
        assertThatThrownBy(() -> FacilitySettings.parse("--colour", "red")).hasMessage("unknown option --colour");
    }
}
