package com.podflow.validation.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.support.messaging.Failures;
import com.podflow.validation.config.ValidationConfig;
import com.podflow.validation.domain.CustomerProduct;
import com.podflow.validation.domain.Facility;
import com.podflow.validation.domain.Product;
import com.podflow.validation.domain.ReferenceChecks;
import com.podflow.validation.domain.ShipmentMethod;

/**
 * Upserts the reference data shipped in {@code src/main/resources/reference/} at startup, in one transaction: an edit
 * to a file applies on the next start; entries added through the admin API and absent from the files stay. Runs before
 * the Kafka consumers start (a lower priority than the messaging lifecycle), so no order is validated against an
 * empty catalog. An invalid file fails the startup, naming the entry and field.
 */
@ApplicationScoped
public class ReferenceFiles {
    static final String DIR = "reference/";
    private static final Logger LOG = Logger.getLogger(ReferenceFiles.class);

    private final ReferenceRepository repository;
    private final ObjectMapper json;

    public ReferenceFiles(ReferenceRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 100) StartupEvent event,
            ValidationConfig config) {
        if (config.loadReferenceFiles()) {
            // a database that went away after the migration delays the start; only a bad file fails it
            load().onFailure(Failures::isTransient)
                    .invoke(e -> LOG.warnf("loading the reference files failed, retrying: %s", e.getMessage()))
                    .onFailure(Failures::isTransient).retry()
                    .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                    .indefinitely()
                    .await().indefinitely();
        }
    }

    /** Reads, checks and upserts every file. */
    public Uni<Void> load() {
        List<Product> products = read("products.json", Product[].class, ReferenceChecks::withDefaults,
                ReferenceChecks::check, Product::uid);
        List<ShipmentMethod> methods = read("shipment-methods.json", ShipmentMethod[].class, Function.identity(),
                ReferenceChecks::check, ShipmentMethod::uid);
        List<Facility> facilities = read("facilities.json", Facility[].class, Function.identity(),
                ReferenceChecks::check, Facility::id);
        List<CustomerProduct> customerProducts = read("customer-products.json", CustomerProduct[].class,
                Function.identity(), ReferenceChecks::check, c -> c.clientId() + "/" + c.productName());
        return repository.pool().withTransaction(conn -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Product p : products) {
                chain = chain.chain(() -> repository.save(conn, p));
            }
            for (ShipmentMethod m : methods) {
                chain = chain.chain(() -> repository.save(conn, m));
            }
            for (Facility f : facilities) {
                chain = chain.chain(() -> repository.save(conn, f));
            }
            for (CustomerProduct c : customerProducts) {
                chain = chain.chain(() -> repository.save(conn, c));
            }
            return chain;
        }).invoke(() -> LOG.infof("reference data loaded: %d products, %d shipment methods, %d facilities,"
                + " %d customer products", products.size(), methods.size(), facilities.size(),
                customerProducts.size()));
    }

    private <T> List<T> read(String file, Class<T[]> type, Function<T, T> defaults,
            Function<T, List<String>> check, Function<T, String> name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) {
                return List.of();
            }
            List<T> entries = new ArrayList<>();
            for (T entry : json.readValue(in, type)) {
                T complete = defaults.apply(entry);
                List<String> problems = check.apply(complete);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException(DIR + file + ", entry " + name.apply(complete) + ": "
                            + String.join("; ", problems));
                }
                entries.add(complete);
            }
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException(DIR + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
