package com.podflow.manifests;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Checks one Kubernetes resource strictly against its model class: the fabric8 Kubernetes model for core kinds, the
 * Strimzi api model for Strimzi's custom resources. Both models keep unknown fields in an "additional properties" map
 * (a JSON any-setter); this check turns that off, so that a misspelt or misplaced field fails with its path, as does a
 * value of the wrong type (a string where the API wants a number or a boolean, a number where it wants a string), an
 * unknown enum value, an unknown kind or API version.
 */
final class ResourceValidator {

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    private static final ObjectMapper STRICT = strictMapper();

    private ResourceValidator() {
    }

    /** The resource as its model class, or an {@link InvalidResource} naming the resource and what is wrong. */
    static Object validate(Map<String, Object> resource) {
        String apiVersion = (String) resource.get("apiVersion");
        String kind = (String) resource.get("kind");
        String id = kind + " " + Kustomize.name(resource);
        Class<?> type = KINDS.get(apiVersion + "/" + kind);
        if (type == null) {
            throw new InvalidResource(id + ": unknown apiVersion/kind " + apiVersion + "/" + kind
                    + " (known: " + KINDS.keySet() + ")");
        }
        if (Kustomize.name(resource) == null) {
            throw new InvalidResource(id + ": metadata.name is required");
        }
        try {
            return STRICT.convertValue(resource, type);
        } catch (IllegalArgumentException e) {
            throw new InvalidResource(id + ": " + e.getMessage().lines().findFirst().orElse("") + " at "
                    + path(e), e);
        }
    }

    private static String path(IllegalArgumentException e) {
        if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            return mapping.getPathReference();
        }
        return "?";
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .annotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated annotated) {
                        return Boolean.FALSE; // unknown fields fail instead of landing in "additionalProperties"
                    }
                })
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // the API server refuses a number or a boolean where it wants a string (ConfigMap data: "8080", "true")
        for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** A resource that the cluster would refuse (or silently misread). */
    static final class InvalidResource extends RuntimeException {
        InvalidResource(String message) {
            super(message);
        }

        InvalidResource(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
