package com.podflow.manifests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The subset of Kustomize that deploy/k8s uses, so that the build checks what {@code kubectl kustomize} would render
 * without the kustomize binary: {@code resources} (files and directories with a kustomization.yaml),
 * {@code namespace}, {@code patches} (strategic-merge patch files, matched by kind and name; lists of objects with a
 * {@code name} merge by name, other lists are replaced, as for the fields the manifests patch) and {@code images}.
 * Anything else in a kustomization.yaml is refused, so that the manifests cannot use a feature this check would
 * silently skip.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "patches",
            "images");

    private Kustomize() {
    }

    /** The resources of the kustomization in {@code dir}, as the cluster would receive them. */
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> kustomization = Yaml.document(dir.resolve("kustomization.yaml"));
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalStateException(dir + "/kustomization.yaml: '" + key
                        + "' is not supported by this check's renderer (supported: " + SUPPORTED + ")");
            }
        }
        var resources = new ArrayList<Map<String, Object>>();
        for (Object entry : list(kustomization.get("resources"))) {
            Path path = dir.resolve((String) entry).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else if (Files.isRegularFile(path)) {
                resources.addAll(Yaml.documents(path));
            } else {
                throw new IllegalStateException(dir + "/kustomization.yaml: resource " + entry + " does not exist");
            }
        }
        for (Object entry : list(kustomization.get("patches"))) {
            Map<String, Object> patchEntry = map(entry);
            if (!patchEntry.keySet().equals(Set.of("path"))) {
                throw new IllegalStateException(dir + ": only patches with a path are supported: " + patchEntry);
            }
            Path path = dir.resolve((String) patchEntry.get("path"));
            for (Map<String, Object> patch : Yaml.documents(path)) {
                int index = indexOf(resources, kind(patch), name(patch));
                if (index < 0) {
                    throw new IllegalStateException(path + ": patches " + kind(patch) + " " + name(patch)
                            + ", which no resource is");
                }
                resources.set(index, map(merge(resources.get(index), patch)));
            }
        }
        for (Object entry : list(kustomization.get("images"))) {
            setImage(resources, map(entry));
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            for (Map<String, Object> resource : resources) {
                if (!"Namespace".equals(resource.get("kind"))) {
                    map(resource.computeIfAbsent("metadata", k -> new LinkedHashMap<>())).put("namespace", namespace);
                }
            }
        }
        return resources;
    }

    static String kind(Map<String, Object> resource) {
        return (String) resource.get("kind");
    }

    static String name(Map<String, Object> resource) {
        Object metadata = resource.get("metadata");
        return metadata == null ? null : (String) map(metadata).get("name");
    }

    private static int indexOf(List<Map<String, Object>> resources, String kind, String name) {
        for (int i = 0; i < resources.size(); i++) {
            if (Objects.equals(kind(resources.get(i)), kind) && Objects.equals(name(resources.get(i)), name)) {
                return i;
            }
        }
        return -1;
    }

    /** A strategic merge of {@code patch} onto {@code base}; neither is changed. */
    static Object merge(Object base, Object patch) {
        if (base instanceof Map<?, ?> baseMap && patch instanceof Map<?, ?> patchMap) {
            var result = new LinkedHashMap<String, Object>();
            baseMap.forEach((k, v) -> result.put((String) k, v));
            patchMap.forEach((k, v) -> {
                if (v == null) {
                    result.remove(k);
                } else {
                    result.put((String) k, merge(baseMap.get(k), v));
                }
            });
            return result;
        }
        if (base instanceof List<?> baseList && patch instanceof List<?> patchList && namedItems(baseList)
                && namedItems(patchList)) {
            var result = new ArrayList<Object>(baseList);
            for (Object item : patchList) {
                Object name = ((Map<?, ?>) item).get("name");
                int index = -1;
                for (int i = 0; i < result.size(); i++) {
                    if (name.equals(((Map<?, ?>) result.get(i)).get("name"))) {
                        index = i;
                    }
                }
                if (index < 0) {
                    result.add(item);
                } else {
                    result.set(index, merge(result.get(index), item));
                }
            }
            return result;
        }
        return patch;
    }

    private static boolean namedItems(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
    }

    private static void setImage(List<Map<String, Object>> resources, Map<String, Object> image) {
        String name = (String) image.get("name");
        int changed = 0;
        for (Map<String, Object> resource : resources) {
            if (!"Deployment".equals(kind(resource))) {
                continue;
            }
            Map<String, Object> podSpec = map(map(map(resource.get("spec")).get("template")).get("spec"));
            for (Object c : list(podSpec.get("containers"))) {
                Map<String, Object> container = map(c);
                String current = (String) container.get("image");
                int colon = current.lastIndexOf(':');
                String currentName = colon < 0 ? current : current.substring(0, colon);
                if (currentName.equals(name)) {
                    String newName = (String) image.getOrDefault("newName", currentName);
                    Object newTag = image.getOrDefault("newTag", colon < 0 ? "latest" : current.substring(colon + 1));
                    container.put("image", newName + ":" + newTag);
                    changed++;
                }
            }
        }
        if (changed == 0) {
            throw new IllegalStateException("images: no container uses " + name);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
