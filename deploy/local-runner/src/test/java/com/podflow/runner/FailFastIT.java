package com.podflow.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each packaged service started as production starts it ({@code java -jar}, nothing set) stops at once with a message
 * naming every setting it lacks, instead of falling back to localhost (issue 13 item 8). The environment is emptied,
 * so the machine's own variables cannot satisfy it; a service with a database checks before Flyway migrates.
 */
class FailFastIT {
    static final Path ROOT = Path.of(System.getProperty("podflow.root", "../..")).toAbsolutePath().normalize();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "intake-api; quarkus.datasource.reactive.url,kafka.bootstrap.servers,intake.admin-key,INTAKE_NOTIFICATION_URL",
            "validation-service; QUARKUS_DATASOURCE_JDBC_URL,kafka.bootstrap.servers,validation.admin-key",
            "order-ledger; quarkus.datasource.jdbc.url,KAFKA_BOOTSTRAP_SERVERS",
            "notification-service; kafka.bootstrap.servers,notification.secret-encryption-key,NOTIFICATION_ADMIN_KEY",
            "file-fetcher; FILES_DOWNLOAD_SECRET"})
    void aServiceWithoutItsSettingsRefusesToStartAndSaysWhich(String service, String expected)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(ROOT.resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        Process process = builder.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }

        assertThat(exited).as("%s exits by itself; output:%n%s", service, output).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        for (String setting : expected.split(",")) {
            assertThat(output).as(output).contains(setting);
        }
        assertThat(output).doesNotContain("Migrating schema");
    }
}
