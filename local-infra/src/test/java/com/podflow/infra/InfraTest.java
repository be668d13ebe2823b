package com.podflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class InfraTest {

    @Test
    void startsARealBrokerAndARealDatabase() throws Exception {
        try (Infra infra = Infra.startForTests(Map.of())) {
            // a record goes through the broker
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                    infra.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("orders.intake", "order-1", "hello")).get();
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers",
                    infra.bootstrapServers(), "group.id", "infra-test", "auto.offset.reset", "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("orders.intake"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 20 && records.isEmpty(); i++) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.iterator().next().value()).isEqualTo("hello");
            }

            // and SQL reaches PostgreSQL
            Database db = infra.database();
            try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    ResultSet rs = connection.createStatement().executeQuery("select version()")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("PostgreSQL 17");
            }
        }
    }

    @Test
    void databaseUrlsAreReadFromTheEnvironmentForm() {
        Database db = Database.fromUrl("postgresql://app:s%40cret@db.example:6543/orders");

        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/orders");
        assertThat(db.reactiveUrl()).isEqualTo("postgresql://db.example:6543/orders");
        assertThat(db.user()).isEqualTo("app");
        assertThat(db.password()).isEqualTo("s@cret");
    }
}
