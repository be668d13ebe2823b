package com.podflow.intake.channels.domain;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.loader.ResourceLocator;

/**
 * Renders a client's Jinja template (Jinjava) over a foreign payload, sandboxed: no template, file or classpath
 * resource can be loaded ({@code include}, {@code import}, {@code from}, {@code extends} are off and the resource
 * locator refuses everything), the output, strings, lists and maps are bounded, and a render that runs longer than its
 * budget is stopped between two nodes. The payload is bound as {@code context.payload} (the API reference's templates
 * read it there) and as {@code payload}.
 * <p>
 * Compatibility with the API reference's printed templates: {@code ##{{ … }}} is read as {@code {{ … }}} (the
 * reference's pages print every expression with that prefix), and the filter {@code js} writes a value as a JSON
 * literal (a quoted, escaped string).
 */
public final class TemplateEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LOADING_TAGS = Set.of("include", "import", "from", "extends");

    private final Jinjava jinjava;
    private final long maxRenderMillis;

    /** One problem of a template or of its output, with the template's line where it has one. */
    public record Problem(String code, String message, Integer line) {}

    /** The output (null when the template could not be rendered) and every problem; fatal ones make it unusable. */
    public record Rendered(String output, List<Problem> problems) {
        public boolean ok() {
            return output != null && problems.isEmpty();
        }
    }

    public TemplateEngine(long maxOutputChars, long maxRenderMillis) {
        this.maxRenderMillis = maxRenderMillis;
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withMaxOutputSize(maxOutputChars)
                .withMaxStringLength(maxOutputChars)
                .withMaxListSize(10_000)
                .withMaxMapSize(10_000)
                .withRangeLimit(10_000)
                .withMaxRenderDepth(10)
                .withMaxMacroRecursionDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withFailOnUnknownTokens(false)
                .withNestedInterpretationEnabled(false)
                .withDisabled(Map.of(Context.Library.TAG, LOADING_TAGS))
                .withNodePreProcessor((node, interpreter) -> {
                    Object deadline = interpreter.getContext().get(DEADLINE);
                    if (deadline instanceof Long at && System.nanoTime() > at) {
                        throw new RenderTimeout();
                    }
                })
                .build();
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator(new NoResources());
        this.jinjava.getGlobalContext().registerFilter(new JsFilter());
    }

    private static final String DEADLINE = "__podflow_render_deadline";

    /** Renders {@code template} over {@code payload} (any JSON value). */
    public Rendered render(String template, JsonNode payload) {
        Object value = JSON.convertValue(payload, Object.class);
        Map<String, Object> bindings = new java.util.HashMap<>();
        bindings.put("context", Map.of("payload", value == null ? Map.of() : value));
        bindings.put("payload", value);
        bindings.put(DEADLINE, System.nanoTime() + maxRenderMillis * 1_000_000L);
        RenderResult result;
        try {
            result = jinjava.renderForResult(compatible(template), bindings);
        } catch (RenderTimeout e) {
            return new Rendered(null, List.of(new Problem("render_timeout",
                    "The template ran longer than " + maxRenderMillis + " ms and was stopped", null)));
        } catch (RuntimeException e) {
            return new Rendered(null, List.of(new Problem("render_error", String.valueOf(e.getMessage()), null)));
        }
        if (result.getErrors().stream().anyMatch(e -> timedOut(e.getException()))) {
            return new Rendered(null, List.of(new Problem("render_timeout",
                    "The template ran longer than " + maxRenderMillis + " ms and was stopped", null)));
        }
        List<Problem> problems = new ArrayList<>();
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                problems.add(
                        new Problem(code(error), message(error), error.getLineno() > 0 ? error.getLineno() : null));
            }
        }
        return new Rendered(problems.isEmpty() ? result.getOutput() : null, problems);
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RenderTimeout) {
                return true;
            }
        }
        return false;
    }

    /** The API reference prints {@code ##{{ x }}}; Jinja reads {@code {{ x }}}. */
    static String compatible(String template) {
        return template.replace("##{{", "{{");
    }

    private static String code(TemplateError error) {
        return switch (error.getReason()) {
            case SYNTAX_ERROR, UNKNOWN, MISSING -> "template_syntax";
            case OUTPUT_TOO_BIG, COLLECTION_TOO_BIG, OVER_LIMIT -> "output_too_large";
            case DISABLED -> "not_allowed";
            default -> "template_error";
        };
    }

    private static String message(TemplateError error) {
        String message = error.getMessage() == null ? error.getReason().name() : error.getMessage();
        return error.getLineno() > 0 ? "line " + error.getLineno() + ": " + message : message;
    }

    private static final class RenderTimeout extends RuntimeException {
        RenderTimeout() {
            super("render time budget exceeded", null, false, false);
        }
    }

    /** Nothing can be loaded: templates are one self-contained text. */
    private static final class NoResources implements ResourceLocator {
        @Override
        public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
            throw new IOException("templates cannot load other templates or files ('" + fullName + "')");
        }
    }

    /** {@code value|js}: the value as a JSON literal. */
    private static final class JsFilter implements Filter {
        @Override
        public String getName() {
            return "js";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            try {
                return JSON.writeValueAsString(var);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("js: cannot write the value as JSON", e);
            }
        }
    }
}
