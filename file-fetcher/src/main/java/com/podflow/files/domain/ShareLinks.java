package com.podflow.files.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the share links of Dropbox, Google Drive and OneDrive, which open a web page to preview the file, into their
 * direct-download form, as the API reference tells clients to send them. Anything else, and links already direct, are
 * left as they are. Only the fetch uses the rewritten URL: the order and its checked files keep the client's.
 */
public final class ShareLinks {
    private static final Pattern DRIVE_FILE = Pattern.compile("^/file/d/([A-Za-z0-9_-]+)(/.*)?$");
    private static final Pattern DRIVE_ID = Pattern.compile("^[A-Za-z0-9_-]+$");

    private ShareLinks() {
    }

    /** The URL to fetch for {@code url}: its direct-download form when it is a known share link, else itself. */
    public static String directDownload(String url) {
        return rewrite(url).orElse(url);
    }

    /** The direct-download form of a known share link; empty when {@code url} is not one (or is direct already). */
    public static Optional<String> rewrite(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.empty();
        }
        return switch (host) {
            case "www.dropbox.com", "dropbox.com" -> dropbox(uri, path);
            case "drive.google.com" -> googleDrive(uri, path);
            case "1drv.ms" -> Optional.of(oneDrive(url.trim()));
            case "onedrive.live.com" -> path.startsWith("/download")
                    ? Optional.empty()
                    : uri.getRawQuery() == null ? Optional.empty() : Optional.of(oneDrive(url.trim()));
            default -> Optional.empty();
        };
    }

    /**
     * Dropbox file links ({@code /s/<id>/<name>}, {@code /scl/fi/<id>/<name>?rlkey=…}) download with {@code dl=1}
     * instead of {@code dl=0}; other parameters ({@code rlkey}, {@code st}) stay. Folder links ({@code /sh/},
     * {@code /scl/fo/}) and links with {@code raw=1} (direct already) are left alone.
     */
    private static Optional<String> dropbox(URI uri, String path) {
        if (!path.startsWith("/s/") && !path.startsWith("/scl/fi/")) {
            return Optional.empty();
        }
        List<String[]> query = parameters(uri.getRawQuery());
        if (query.stream().anyMatch(p -> p[0].equals("raw") && p[1].equals("1"))
                || query.stream().anyMatch(p -> p[0].equals("dl") && p[1].equals("1"))) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        for (String[] p : query) {
            if (!p[0].equals("dl")) {
                kept.add(p[2]);
            }
        }
        kept.add("dl=1");
        return Optional.of("https://www.dropbox.com" + path + "?" + String.join("&", kept));
    }

    /**
     * Google Drive file links ({@code /file/d/<id>/view…}, {@code /open?id=<id>}) download from
     * {@code /uc?export=download&id=<id>}, keeping a {@code resourcekey} (older shared files need it). Folders and the
     * {@code /uc} form itself are left alone.
     */
    private static Optional<String> googleDrive(URI uri, String path) {
        List<String[]> query = parameters(uri.getRawQuery());
        String id = null;
        Matcher file = DRIVE_FILE.matcher(path);
        if (file.matches()) {
            id = file.group(1);
        } else if (path.equals("/open")) {
            id = query.stream().filter(p -> p[0].equals("id")).map(p -> p[1]).findFirst().orElse(null);
        }
        if (id == null || !DRIVE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        String direct = "https://drive.google.com/uc?export=download&id=" + id;
        for (String[] p : query) {
            if (p[0].equals("resourcekey")) {
                direct += "&resourcekey=" + URLEncoder.encode(p[1], StandardCharsets.UTF_8);
            }
        }
        return Optional.of(direct);
    }

    /**
     * OneDrive share links ({@code 1drv.ms/…} and {@code onedrive.live.com/…?…}) through the OneDrive API's shares
     * endpoint, as Microsoft documents it for a sharing URL: base64url of the URL without padding, prefixed with
     * {@code u!}, then {@code /root/content} answers with a redirect to the file's bytes.
     */
    private static String oneDrive(String url) {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        return "https://api.onedrive.com/v1.0/shares/u!" + token + "/root/content";
    }

    /** The query's parameters in order, each as name, decoded value and the raw {@code name=value} text. */
    private static List<String[]> parameters(String rawQuery) {
        List<String[]> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            parameters.add(new String[]{decode(name), decode(value), part});
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
