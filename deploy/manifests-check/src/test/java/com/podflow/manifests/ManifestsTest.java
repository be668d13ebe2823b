package com.podflow.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

import com.podflow.events.Topics;

/**
 * The Kubernetes manifests (deploy/k8s), rendered as {@code kubectl kustomize} would: every resource passes the strict
 * model check, and they agree with the services' own configuration (ports, topics, consumer groups) and with
 * themselves (every ConfigMap, Secret and workload they name exists).
 */
class ManifestsTest {

    /** Secrets the Strimzi operators write: the cluster CA and one per KafkaUser. */
    private static final String CLUSTER_CA_SECRET = "podflow-cluster-ca-cert";

    /** The topics that each outbox relay publishes to (the outbox's topic is per row, not a channel's setting). */
    private static final Map<String, Set<String>> OUTBOX_TOPICS = Map.of(
            "intake-api", Set.of(Topics.ORDERS_INTAKE, Topics.ORDERS_PRODUCTION_REPORTS),
            "order-ledger", Set.of(Topics.ORDERS_STATUS, Topics.ORDERS_PRODUCTION));

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyResourcePassesTheSchemaCheck(String kustomization) {
        // given
        List<Map<String, Object>> resources = Kustomize.render(Repo.K8S.resolve(kustomization));
        // when
        List<String> errors = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            try {
                ResourceValidator.validate(resource);
            } catch (ResourceValidator.InvalidResource e) {
                errors.add(e.getMessage());
            }
        }
        // then
        assertThat(errors).isEmpty();
        assertThat(resources).hasSizeGreaterThan(40);
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> resource : resources) {
            assertThat(ids.add(Kustomize.kind(resource) + "/" + Kustomize.name(resource)))
                    .as("declared once: %s %s", Kustomize.kind(resource), Kustomize.name(resource)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyServiceRunsNonRootWithProbesResourcesAndItsPort(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        for (String service : Repo.SERVICES) {
            Deployment deployment = rendered.one(Deployment.class, service);
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(pod.getContainers()).as(service).hasSize(1);
            Container container = pod.getContainers().get(0);
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(service).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(service).contains("ALL");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(service).isEqualTo("/q/health/ready");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(service).isEqualTo("/q/health/live");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).as(service).isEqualTo("/q/health/started");
            assertThat(container.getResources().getRequests()).as(service).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(service).containsKey("memory");
            // the port the service listens on (quarkus.http.port) is the container's and the Service's
            int port = Integer.parseInt(Repo.applicationProperties(service).getProperty("quarkus.http.port"));
            assertThat(container.getPorts()).as(service).singleElement()
                    .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(port));
            Service svc = rendered.one(Service.class, service);
            assertThat(svc.getSpec().getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getPort()).isEqualTo(port));
            assertThat(svc.getSpec().getSelector().entrySet())
                    .isSubsetOf(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet());
            assertThat(rendered.one(PodDisruptionBudget.class, service).getSpec().getSelector().getMatchLabels())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyConfigMapSecretAndVolumeThatAServiceNamesExists(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        Set<String> kafkaUsers = rendered.names(KafkaUser.class);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            String service = deployment.getMetadata().getName();
            var pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : pod.getContainers()) {
                for (EnvFromSource from : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        assertThat(rendered.names(ConfigMap.class)).as(service)
                                .contains(from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        assertThat(rendered.names(Secret.class)).as(service).contains(from.getSecretRef().getName());
                    }
                }
                for (EnvVar env : container.getEnv()) {
                    var secretKey = env.getValueFrom().getSecretKeyRef();
                    // the only Secrets not declared here are those the User Operator writes for a KafkaUser
                    assertThat(kafkaUsers).as(service + " " + env.getName()).contains(secretKey.getName());
                    assertThat(secretKey.getName()).isEqualTo(service);
                }
                Set<String> volumes = new HashSet<>();
                pod.getVolumes().forEach(v -> volumes.add(v.getName()));
                container.getVolumeMounts().forEach(m -> assertThat(volumes).as(service).contains(m.getName()));
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getConfigMap() != null) {
                    assertThat(rendered.names(ConfigMap.class)).contains(volume.getConfigMap().getName());
                }
                if (volume.getSecret() != null) {
                    assertThat(volume.getSecret().getSecretName()).isEqualTo(CLUSTER_CA_SECRET);
                }
            }
        }
        for (HorizontalPodAutoscaler hpa : rendered.all(HorizontalPodAutoscaler.class)) {
            assertThat(rendered.names(Deployment.class)).contains(hpa.getSpec().getScaleTargetRef().getName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void theLedgerAloneIsNotAutoscaled(String kustomization) {
        // the ledger's parallelism is its topics' partitions: it is scaled by hand within them (ADR 37)
        Rendered rendered = Rendered.of(kustomization);
        assertThat(rendered.names(HorizontalPodAutoscaler.class))
                .containsExactlyInAnyOrder("intake-api", "validation-service", "file-fetcher", "notification-service");
        for (Deployment deployment : rendered.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            boolean autoscaled = rendered.names(HorizontalPodAutoscaler.class).contains(name);
            // an autoscaled Deployment states no replicas (each apply would reset the autoscaler's choice)
            assertThat(deployment.getSpec().getReplicas()).as(name).matches(r -> autoscaled ? r == null : r >= 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyTopicAndItsDeadLetterTopicIsDeclaredWithThreeReplicasAndARetention(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        Set<String> expected = new TreeSet<>();
        for (String topic : topics()) {
            expected.add(topic);
            expected.add(topic + ".dlq");
        }
        Set<String> declared = new TreeSet<>();
        for (KafkaTopic topic : rendered.all(KafkaTopic.class)) {
            String name = topic.getSpec().getTopicName();
            declared.add(name);
            assertThat(topic.getSpec().getReplicas()).as(name).isEqualTo(3);
            assertThat(topic.getSpec().getPartitions()).as(name).isPositive();
            assertThat(topic.getSpec().getConfig()).as(name).containsEntry("min.insync.replicas", 2);
            assertThat(((Number) topic.getSpec().getConfig().get("retention.ms")).longValue()).as(name)
                    .isEqualTo(com.podflow.infra.TopicRetention.of(name).toMillis());
        }
        assertThat(declared).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyServiceUserMayDoWhatItsConfigurationDoesAndNoMore(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        for (String service : Repo.SERVICES) {
            // given what the service's channels and outbox use
            Properties properties = Repo.applicationProperties(service);
            Set<String> reads = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            Set<String> writes = new TreeSet<>(OUTBOX_TOPICS.getOrDefault(service, Set.of()));
            Set<String> declared = new TreeSet<>(rendered.resources().stream()
                    .filter(KafkaTopic.class::isInstance).map(t -> ((KafkaTopic) t).getMetadata().getName()).toList());
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key);
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                    String channel = key.substring("mp.messaging.incoming.".length(), key.length() - ".topic".length());
                    if (Boolean.parseBoolean(properties.getProperty("mp.messaging.incoming." + channel + ".pattern"))) {
                        // a pattern subscription (the ledger's dead-letter reader): every declared topic it matches
                        declared.stream().filter(t -> t.matches(value)).forEach(reads::add);
                        // whose records a replay re-publishes to their source topics
                        declared.stream().filter(t -> t.matches(value))
                                .map(t -> t.substring(0, t.length() - ".dlq".length())).forEach(writes::add);
                    } else {
                        reads.add(value);
                    }
                } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                    groups.add(value);
                } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic")
                        || key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic")) {
                    writes.add(value);
                }
            }
            // then its KafkaUser allows exactly that
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) rendered.one(KafkaUser.class, service).getSpec()
                    .getAuthorization()).getAcls();
            assertThat(topicsWith(acls, AclOperation.READ)).as(service + " reads").isEqualTo(reads);
            assertThat(topicsWith(acls, AclOperation.WRITE)).as(service + " writes").isEqualTo(writes);
            for (String group : groups) {
                assertThat(acls).as(service + " group " + group).anySatisfy(acl -> {
                    assertThat(acl.getResource()).isInstanceOf(AclRuleGroupResource.class);
                    var resource = (AclRuleGroupResource) acl.getResource();
                    assertThat(resource.getPatternType() == AclResourcePatternType.PREFIX
                            ? group.startsWith(resource.getName())
                            : group.equals(resource.getName())).isTrue();
                    assertThat(acl.getOperations()).contains(AclOperation.READ);
                });
            }
        }
    }

    private static Set<String> topicsWith(List<AclRule> acls, AclOperation operation) {
        Set<String> topics = new TreeSet<>();
        for (AclRule acl : acls) {
            if (acl.getResource() instanceof AclRuleTopicResource topic && acl.getOperations().contains(operation)) {
                assertThat(topic.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
                topics.add(topic.getName());
            }
        }
        return topics;
    }

    /** The topic names of the contract (public static final String fields of {@link Topics}). */
    static List<String> topics() {
        return Stream.of(Topics.class.getFields())
                .filter(f -> java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(name -> name.startsWith("orders.") && !name.endsWith(".dlq"))
                .toList();
    }

    /** A rendered kustomization as model objects. */
    record Rendered(List<Object> resources) {
        static Rendered of(String kustomization) {
            return new Rendered(Kustomize.render(Repo.K8S.resolve(kustomization)).stream()
                    .map(ResourceValidator::validate).toList());
        }

        <T> List<T> all(Class<T> type) {
            return resources.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            Optional<T> found = all(type).stream().filter(r -> Objects.equals(r.getMetadata().getName(), name))
                    .findFirst();
            assertThat(found).as(type.getSimpleName() + " " + name).isPresent();
            return found.get();
        }

        <T extends HasMetadata> Set<String> names(Class<T> type) {
            Set<String> names = new TreeSet<>();
            all(type).forEach(r -> names.add(r.getMetadata().getName()));
            return names;
        }
    }
}
