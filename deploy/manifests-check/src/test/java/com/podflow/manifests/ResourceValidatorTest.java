package com.podflow.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** The schema check refuses what the cluster would refuse: each case is one deliberate mistake. */
class ResourceValidatorTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              replicas: %s
              selector:
                matchLabels:
                  app: broken
              template:
                metadata:
                  labels:
                    app: broken
                spec:
                  containers:
                    - name: broken
                      image: podflow/broken:1
                      %s:
                        httpGet:
                          path: /q/health/ready
                          port: 8080
            """;

    private static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata:
              name: orders.intake
              labels:
                strimzi.io/cluster: podflow
            spec:
              %s: 12
              replicas: 3
            """;

    @Test
    void aWellFormedResourceBecomesItsModelObject() {
        Object deployment = ResourceValidator.validate(parse(DEPLOYMENT.formatted("2", "readinessProbe")));
        assertThat(deployment).isInstanceOfSatisfying(Deployment.class,
                d -> assertThat(d.getSpec().getReplicas()).isEqualTo(2));
        Object topic = ResourceValidator.validate(parse(TOPIC.formatted("partitions")));
        assertThat(topic).isInstanceOfSatisfying(KafkaTopic.class,
                t -> assertThat(t.getSpec().getPartitions()).isEqualTo(12));
    }

    @Test
    void aMisspeltFieldIsRefusedWithItsPath() {
        assertThatThrownBy(() -> ResourceValidator.validate(parse(DEPLOYMENT.formatted("2", "readinessprobe"))))
                .isInstanceOf(ResourceValidator.InvalidResource.class)
                .hasMessageContaining("Deployment broken")
                .hasMessageContaining("readinessprobe")
                .hasMessageContaining("containers");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> ResourceValidator.validate(parse(DEPLOYMENT.formatted("two", "readinessProbe"))))
                .isInstanceOf(ResourceValidator.InvalidResource.class).hasMessageContaining("replicas");
        // a quoted number where the API wants an integer is refused too
        assertThatThrownBy(() -> ResourceValidator.validate(parse(DEPLOYMENT.formatted("\"2\"", "readinessProbe"))))
                .isInstanceOf(ResourceValidator.InvalidResource.class).hasMessageContaining("replicas");
    }

    @Test
    void aNumberWhereTheApiWantsAStringIsRefused() {
        // kubectl apply refuses a ConfigMap whose value is not a string ("587", "true" must be quoted)
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken
                data:
                  QUARKUS_MAILER_PORT: 587
                """;
        assertThatThrownBy(() -> ResourceValidator.validate(parse(configMap)))
                .isInstanceOf(ResourceValidator.InvalidResource.class).hasMessageContaining("QUARKUS_MAILER_PORT");
    }

    @Test
    void aMisspeltFieldOfAStrimziResourceIsRefused() {
        assertThatThrownBy(() -> ResourceValidator.validate(parse(TOPIC.formatted("partition"))))
                .isInstanceOf(ResourceValidator.InvalidResource.class)
                .hasMessageContaining("KafkaTopic orders.intake")
                .hasMessageContaining("partition");
    }

    @Test
    void anUnknownStrimziTypeIsRefused() {
        String user = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: broken
                spec:
                  authentication:
                    type: scram-sha-256
                """;
        assertThatThrownBy(() -> ResourceValidator.validate(parse(user)))
                .isInstanceOf(ResourceValidator.InvalidResource.class).hasMessageContaining("scram-sha-256");
    }

    @Test
    void anUnknownKindOrApiVersionIsRefused() {
        String hpa = """
                apiVersion: autoscaling/v2beta2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: broken
                """;
        assertThatThrownBy(() -> ResourceValidator.validate(parse(hpa)))
                .isInstanceOf(ResourceValidator.InvalidResource.class).hasMessageContaining("autoscaling/v2beta2");
    }

    @Test
    void aKustomizationUsingAFeatureTheRendererLacksIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                commonLabels:
                  team: podflow
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("commonLabels");
    }

    @Test
    void aPatchOfAResourceThatDoesNotExistIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - cm.yaml
                patches:
                  - path: patch.yaml
                """);
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        Files.writeString(dir.resolve("patch.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("ConfigMap b");
    }

    @Test
    void aPatchMergesMapsAndNamedListItemsAndReplacesOtherLists() {
        Object merged = Kustomize.merge(
                parse("a: {b: 1, c: 2}\nitems: [{name: x, v: 1}, {name: y, v: 2}]\nplain: [1, 2]\n"),
                parse("a: {c: 3}\nitems: [{name: y, v: 5}, {name: z, v: 6}]\nplain: [9]\n"));
        assertThat(merged).isEqualTo(parse(
                "a: {b: 1, c: 3}\nitems: [{name: x, v: 1}, {name: y, v: 5}, {name: z, v: 6}]\nplain: [9]\n"));
    }

    private static Map<String, Object> parse(String yaml) {
        return Yaml.documents(yaml, "test").get(0);
    }
}
