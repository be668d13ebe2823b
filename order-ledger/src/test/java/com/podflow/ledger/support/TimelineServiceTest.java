package com.podflow.ledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimelineServiceTest {
    static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    static Timeline.Entry at(String source, String id, long seconds) {
        return new Timeline.Entry(source, T.plusSeconds(seconds), null, id, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    @Test
    void eventsKeepTheirRecordedOrderAndDeadLettersAreMergedByTimeWithTheGaps() {
        // given events of one batch (one recorded time) and dead letters before, between and after
        List<Timeline.Entry> events = List.of(at("event", "e1", 10), at("event", "e2", 10), at("event", "e3", 30));
        List<Timeline.Entry> parked = List.of(at("dead-letter", "d0", 5), at("dead-letter", "d1", 20),
                at("dead-letter", "d2", 30));

        // when
        List<Timeline.Entry> merged = TimelineService.merge(events, parked);

        // then
        assertThat(merged).extracting(Timeline.Entry::eventId).containsExactly("d0", "e1", "e2", "d1", "e3", "d2");
        assertThat(merged).extracting(Timeline.Entry::gapMs).containsExactly(null, 5_000L, 0L, 10_000L, 10_000L,
                0L);
    }

    @Test
    void nothingToMergeIsAnEmptyTimeline() {
        assertThat(TimelineService.merge(List.of(), List.of())).isEmpty();
    }
}
