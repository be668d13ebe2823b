package com.podflow.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every QUARKUS_* variable of the manifests and of compose is a setting of the Quarkus extensions the services use,
 * as their configuration model (META-INF/quarkus-config-doc) names it: a misspelt variable (a TLS setting of the
 * database client, say) would be ignored without a word.
 */
class QuarkusSettingsTest {

    private static final List<Pattern> KNOWN = knownVariables();

    @Test
    void theConfigurationModelsAreOnTheClassPath() {
        assertThat(KNOWN).hasSizeGreaterThan(100);
        assertThat(known("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS")).isTrue();
        assertThat(known("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERT")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyQuarkusVariableOfTheManifestsIsASetting(String kustomization) {
        var rendered = ManifestsTest.Rendered.of(kustomization);
        Set<String> variables = new HashSet<>();
        rendered.all(ConfigMap.class).forEach(c -> variables.addAll(c.getData().keySet()));
        rendered.all(Secret.class).forEach(s -> variables.addAll(s.getStringData().keySet()));
        assertThat(variables).contains("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_REST_CLIENT_LEDGER_URL");
        variables.stream().filter(v -> v.startsWith("QUARKUS_")).forEach(v -> assertThat(known(v)).as(v).isTrue());
    }

    @Test
    void everyQuarkusVariableOfComposeIsASetting() {
        Map<String, Object> services = Kustomize.map(Yaml.document(Repo.ROOT.resolve("docker-compose.yml"))
                .get("services"));
        for (String service : Repo.SERVICES) {
            Kustomize.map(Kustomize.map(services.get(service)).get("environment")).keySet().stream()
                    .filter(v -> v.startsWith("QUARKUS_"))
                    .forEach(v -> assertThat(known(v)).as(service + " " + v).isTrue());
        }
    }

    private static boolean known(String variable) {
        return KNOWN.stream().anyMatch(p -> p.matcher(variable).matches());
    }

    /** Each environment variable of the models; a named part (QUARKUS_REST_CLIENT__CLIENT__URL) matches any name. */
    private static List<Pattern> knownVariables() {
        var mapper = new ObjectMapper();
        List<Pattern> patterns = new ArrayList<>();
        try {
            for (URL url : Collections.list(Thread.currentThread().getContextClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                try (InputStream in = url.openStream()) {
                    collect(mapper.readTree(in), patterns);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return patterns;
    }

    private static void collect(JsonNode node, List<Pattern> patterns) {
        if (node.isObject()) {
            JsonNode env = node.get("environmentVariable");
            if (env != null && env.isTextual()) {
                patterns.add(Pattern.compile(env.asText().replaceAll("__[A-Z0-9_]+?__", "_[A-Z0-9_]+_")));
            }
            node.forEach(child -> collect(child, patterns));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, patterns));
        }
    }
}
