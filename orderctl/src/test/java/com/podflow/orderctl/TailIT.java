package com.podflow.orderctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.podflow.infra.Infra;
import com.podflow.infra.KafkaTestClient;

import picocli.CommandLine;

/** {@code orderctl tail} on a real broker: one order's records from every topic, nobody else's. */
class TailIT {
    static Infra infra;
    static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        infra = Infra.startForTests(System.getenv());
        kafka = new KafkaTestClient(infra.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void followsOneOrderAcrossTopics() {
        String order = "tail-" + System.nanoTime();
        kafka.send("orders.intake", order, event("order.received", "intake-api", "{\"attempt\":1}"));
        kafka.send("orders.intake", "someone-else", event("order.received", "intake-api", "{\"attempt\":1}"));
        kafka.send("orders.validation", order,
                event("order.validation-failed", "validation-service", "{\"validator\":\"data\",\"attempt\":1}"));
        kafka.send("orders.status", order, "not json at all");

        CommandLine cli = OrderCtl.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("tail", order, "--from-beginning", "--max", "3", "--for", "PT60S", "--bootstrap",
                infra.bootstrapServers(), "--topic", "orders.intake", "--topic", "orders.validation", "--topic",
                "orders.status");

        assertThat(exit).isZero();
        List<String> lines = out.toString().lines().skip(1).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("orders.intake/").contains("order.received")
                .contains("attempt=1"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("orders.validation/")
                .contains("order.validation-failed").contains("validator=data"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("orders.status/").contains("(not a CloudEvent)"));
        assertThat(out.toString()).doesNotContain("someone-else");
    }

    static String event(String type, String source, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + System.nanoTime() + "\",\"type\":\"" + type + "\",\"source\":\""
                + source + "\",\"data\":" + data + "}";
    }
}
