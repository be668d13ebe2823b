package com.podflow.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * docker-compose.yml cannot run on these machines (no Docker engine); this keeps it in step with the manifests
 * (deploy/k8s/base): the same services, images, container ports and environment variable names (values may differ).
 */
class ComposeTest {

    /** In the cluster only: the TLS and SCRAM settings of the Strimzi listener (compose runs one PLAINTEXT broker). */
    private static final Set<String> CLUSTER_ONLY = Set.of("KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG",
            "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION");

    /** In compose only: a development client to try the API with (the cluster creates clients by the admin API). */
    private static final Map<String, Set<String>> COMPOSE_ONLY = Map.of("intake-api",
            Set.of("INTAKE_BOOTSTRAP_CLIENT_API_KEY"));

    private final Map<String, Object> compose = Yaml.document(Repo.ROOT.resolve("docker-compose.yml"));
    private final ManifestsTest.Rendered manifests = ManifestsTest.Rendered.of("base");

    @Test
    void composeRunsTheServicesOfTheManifestsWithTheirImagesPortsAndVariables() {
        for (String service : Repo.SERVICES) {
            // given
            Map<String, Object> composed = Kustomize.map(services().get(service));
            assertThat(composed).as("compose service " + service).isNotNull();
            Container container = manifests.one(Deployment.class, service).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            // then
            assertThat(composed.get("image")).as(service).isEqualTo(container.getImage());
            Set<Integer> clusterPorts = new TreeSet<>();
            container.getPorts().forEach(p -> clusterPorts.add(p.getContainerPort()));
            assertThat(containerPorts(composed)).as(service + " container ports").isEqualTo(clusterPorts);
            Set<String> clusterNames = new TreeSet<>(environmentNames(container));
            clusterNames.removeAll(CLUSTER_ONLY);
            Set<String> composeNames = new TreeSet<>(Kustomize.map(composed.get("environment")).keySet());
            composeNames.removeAll(COMPOSE_ONLY.getOrDefault(service, Set.of()));
            assertThat(composeNames).as(service + " environment variables").isEqualTo(clusterNames);
        }
    }

    @Test
    void onlyIntakeApiPublishesAPort() {
        services().forEach((name, definition) -> {
            Object ports = Kustomize.map(definition).get("ports");
            if (name.equals("intake-api")) {
                assertThat(ports).isEqualTo(List.of("8080:8080"));
            } else {
                assertThat(ports).as(name + " publishes nothing").isNull();
            }
        });
    }

    @Test
    void everyServiceRestartsWaitsForHealthyDependenciesAndIsHealthChecked() {
        services().forEach((name, d) -> {
            Map<String, Object> definition = Kustomize.map(d);
            assertThat(definition.get("restart")).as(name).isNotNull();
            assertThat((String) definition.get("image")).as(name + " pinned").contains(":").doesNotEndWith(":latest");
            Object dependsOn = definition.get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn).as(name + ": depends_on with conditions").isInstanceOf(Map.class);
                Kustomize.map(dependsOn).forEach((dependency, condition) -> {
                    assertThat(Kustomize.map(condition).get("condition")).as(name + " -> " + dependency)
                            .isIn("service_healthy", "service_completed_successfully");
                    Map<String, Object> target = Kustomize.map(services().get(dependency));
                    if ("service_healthy".equals(Kustomize.map(condition).get("condition"))) {
                        assertThat(target.get("healthcheck")).as(dependency + " has a health check").isNotNull();
                    }
                });
            }
            if (Repo.SERVICES.contains(name)) {
                assertThat(Kustomize.map(definition.get("healthcheck")).get("test").toString())
                        .as(name).contains("/q/health/ready");
            }
        });
        assertThat(Kustomize.map(compose.get("volumes"))).containsKeys("kafka-data", "postgres-data", "files");
    }

    @Test
    void composeCreatesEveryTopicOfTheManifests() throws Exception {
        String script = java.nio.file.Files.readString(Repo.ROOT.resolve("deploy/compose/create-topics.sh"));
        var loop = java.util.regex.Pattern.compile("for topic in ([^;]+);").matcher(script);
        assertThat(loop.find()).as("the topic loop of create-topics.sh").isTrue();
        assertThat(new TreeSet<>(List.of(loop.group(1).trim().split("\\s+"))))
                .isEqualTo(new TreeSet<>(ManifestsTest.topics()));
        // each with its dead-letter topic
        assertThat(script).contains("\"$topic\" \"$topic.dlq\"");
    }

    private Map<String, Object> services() {
        return Kustomize.map(compose.get("services"));
    }

    private static Set<Integer> containerPorts(Map<String, Object> composed) {
        Set<Integer> ports = new TreeSet<>();
        for (Object port : Kustomize.list(composed.get("expose"))) {
            ports.add(Integer.parseInt(port.toString()));
        }
        for (Object port : Kustomize.list(composed.get("ports"))) {
            String mapping = port.toString();
            ports.add(Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    /** The names the container's environment gets: its envFrom ConfigMaps' and Secrets' keys, and its env. */
    private List<String> environmentNames(Container container) {
        List<String> names = new ArrayList<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                names.addAll(manifests.one(ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet());
            }
            if (from.getSecretRef() != null) {
                names.addAll(manifests.one(Secret.class, from.getSecretRef().getName()).getStringData().keySet());
            }
        }
        container.getEnv().forEach(e -> names.add(e.getName()));
        return names;
    }
}
