package com.podflow.intake.domain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of a request or response body before the requests log keeps it, without reformatting the rest
 * (the log shows the body as it was sent). Works on the text, so that a malformed or cut-off body is redacted too:
 * <ul>
 * <li>the value of every JSON field whose name says it holds a secret ({@code secret}, {@code password},
 * {@code apiKey}, {@code token}, {@code authorization}, in any case and within longer names such as
 * {@code signingSecret});
 * <li>anything that looks like one of the platform's own secrets wherever it stands: API key secrets ({@code sk_…}) and
 * webhook signing secrets ({@code whsec_…}).
 * </ul>
 */
public final class Redaction {
    public static final String REDACTED = "[redacted]";

    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"[A-Za-z0-9_-]*(?i:secret|password|passwd|api_?key|token|authorization)[A-Za-z0-9_-]*\"\\s*:\\s*)"
                    + "\"(?:[^\"\\\\]++|\\\\.)*+(?:\"|$)");
    private static final Pattern SECRET_VALUE = Pattern.compile("\\b(sk|whsec)_[A-Za-z0-9+/=_-]{8,}");
    /** Every match of either pattern contains one of these (in lower case): bodies without any skip the patterns. */
    private static final List<String> HINTS = List.of("secret", "passw", "apikey", "api_key", "token",
            "authorization", "sk_", "whsec_");

    private Redaction() {
    }

    /** The text with its secrets replaced by {@value #REDACTED}; {@code null} stays {@code null}. */
    public static String redact(String body) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        String lower = body.toLowerCase(Locale.ROOT);
        if (HINTS.stream().noneMatch(lower::contains)) {
            return body; // the common case, an order: a few substring searches instead of two regular expressions
        }
        Matcher fields = SECRET_FIELD.matcher(body);
        String withoutFields = fields.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "\"" + REDACTED
                + "\""));
        return SECRET_VALUE.matcher(withoutFields).replaceAll(match -> match.group(1) + "_" + REDACTED);
    }
}
