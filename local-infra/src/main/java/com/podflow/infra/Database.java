package com.podflow.infra;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where a PostgreSQL database is, in the two URL forms Quarkus wants (JDBC for Flyway, reactive for the services). */
public record Database(String host, int port, String name, String user, String password) {

    /** Reads {@code postgresql://user:password@host:port/database} (the form of {@code DATABASE_URL}). */
    public static Database fromUrl(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must look like postgresql://user:password@host:5432/db,"
                    + " got scheme '" + uri.getScheme() + "'");
        }
        String user = "postgres";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
        return new Database(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1), user,
                password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }
}
