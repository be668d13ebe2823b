package com.podflow.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigValue;

/** Which settings count as given by the operator, and what the refusal says. */
class ProductionConfigTest {

    static ConfigValue value(String name, String value, int ordinal) {
        return ConfigValue.builder().withName(name).withValue(value).withConfigSourceOrdinal(ordinal).build();
    }

    @Test
    void onlyValuesAboveThePackagedDefaultsCount() {
        Map<String, ConfigValue> values = Map.of(
                "kafka.bootstrap.servers", value("kafka.bootstrap.servers", "localhost:9092", 250),
                "quarkus.datasource.reactive.url", value("quarkus.datasource.reactive.url", "postgresql://db/p", 300),
                "intake.admin-key", value("intake.admin-key", " ", 400));

        List<String> missing = ProductionConfig.missing(
                List.of("kafka.bootstrap.servers", "quarkus.datasource.reactive.url", "intake.admin-key",
                        "files.download.secret"),
                name -> Optional.ofNullable(values.get(name)));

        assertThat(missing).containsExactly("kafka.bootstrap.servers", "intake.admin-key", "files.download.secret");
    }

    @Test
    void theRefusalNamesEverySettingAndItsVariable() {
        String message = ProductionConfig
                .message(List.of("kafka.bootstrap.servers", "quarkus.datasource.reactive.url"));

        assertThat(message).contains("kafka.bootstrap.servers  (environment variable KAFKA_BOOTSTRAP_SERVERS)")
                .contains("QUARKUS_DATASOURCE_REACTIVE_URL");
    }
}
