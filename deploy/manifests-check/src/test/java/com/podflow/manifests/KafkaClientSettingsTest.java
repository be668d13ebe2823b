package com.podflow.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Every KAFKA_* variable of the manifests and of compose names a real Kafka client setting: Quarkus (and the outbox
 * relay, which takes every kafka.* property) read KAFKA_SASL_JAAS_CONFIG as kafka.sasl.jaas.config, so a misspelt
 * variable would be silently ignored and the client would connect without TLS or SASL.
 */
class KafkaClientSettingsTest {

    private static final Set<String> CLIENT_SETTINGS = clientSettings();

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyKafkaVariableOfTheManifestsIsAClientSetting(String kustomization) {
        var rendered = ManifestsTest.Rendered.of(kustomization);
        Set<String> variables = new HashSet<>();
        rendered.all(ConfigMap.class).forEach(c -> {
            if (c.getData() != null) {
                variables.addAll(c.getData().keySet());
            }
        });
        rendered.all(Deployment.class).forEach(d -> d.getSpec().getTemplate().getSpec().getContainers()
                .forEach(c -> c.getEnv().forEach(e -> variables.add(e.getName()))));
        assertThat(variables).contains("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_JAAS_CONFIG");
        variables.stream().filter(v -> v.startsWith("KAFKA_"))
                .forEach(v -> assertThat(CLIENT_SETTINGS).as(v).contains(setting(v)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake-api", "validation-service", "file-fetcher", "order-ledger",
            "notification-service"})
    void everyKafkaVariableOfComposeIsAClientSetting(String service) {
        Map<String, Object> compose = Yaml.document(Repo.ROOT.resolve("docker-compose.yml"));
        Map<String, Object> environment = Kustomize
                .map(Kustomize.map(Kustomize.map(compose.get("services")).get(service)).get("environment"));
        environment.keySet().stream().filter(v -> v.startsWith("KAFKA_"))
                .forEach(v -> assertThat(CLIENT_SETTINGS).as(v).contains(setting(v)));
    }

    private static String setting(String variable) {
        return variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Set<String> clientSettings() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        return names;
    }
}
