package com.podflow.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.orderapi.client.ApiClient;
import com.podflow.orderapi.client.api.OrdersApi;
import com.podflow.orderapi.client.model.Done;
import com.podflow.orderapi.client.model.FulfillmentStatus;
import com.podflow.orderapi.client.model.Order;
import com.podflow.orderapi.client.model.OrderCreated;
import com.podflow.orderapi.client.model.OrderDetails;
import com.podflow.orderapi.client.model.OrderSearch;
import com.podflow.orderapi.client.model.OrderSearchResult;
import com.podflow.orderapi.client.model.OrderSummary;

/**
 * The Java client the build generates from the checked-in OpenAPI document (openapi-generator, library native) works
 * against the running API: it submits the API reference's order, reads it back with typed fields, finds it by search
 * and cancels it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class GeneratedClientTest {

    private static OrdersApi orders() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + RestAssured.port);
        client.setRequestInterceptor(request -> request.header("X-API-KEY", OrderApiTest.KEY));
        return new OrdersApi(client);
    }

    @Test
    void theGeneratedClientSubmitsReadsSearchesAndCancelsTheSeedOrder() throws Exception {
        // given the API reference's order, as the generated model
        OrdersApi orders = orders();
        Order seed = new ApiClient().getObjectMapper().readValue(OrderApiTest.seedOrder(), Order.class);
        String reference = "generated-client-" + UUID.randomUUID();
        seed.setOrderReferenceId(reference);

        // when
        OrderCreated created = orders.submitOrder(seed);
        OrderDetails read = orders.getOrder(created.getId());

        // then
        assertThat(created.getOrderReferenceId()).isEqualTo(reference);
        assertThat(created.getCreatedAt()).isNotNull();
        assertThat(read.getId()).isEqualTo(created.getId());
        assertThat(read.getFulfillmentStatus()).isEqualTo(FulfillmentStatus.RECEIVED);
        assertThat(read.getOrderType()).isEqualTo(OrderDetails.OrderTypeEnum.ORDER);
        assertThat(read.getShippingAddress().getCountry()).isEqualTo("SE");
        assertThat(read.getItems()).singleElement().satisfies(item -> {
            assertThat(item.getQuantity()).isEqualTo(1);
            assertThat(item.getRetailPriceInclVat()).isEqualByComparingTo("19.99");
            assertThat(item.getFiles().get(0).getType()).isEqualTo("default");
        });

        // when the ledger has the order, a search by its reference finds it
        LedgerStub.report(created.getId(), reference, "created");
        OrderSearchResult found = orders.searchOrders(new OrderSearch().addOrderReferenceIdsItem(reference));

        // then
        assertThat(found.getOrders()).extracting(OrderSummary::getId).containsExactly(created.getId());
        assertThat(found.getOrders().get(0).getFulfillmentStatus()).isEqualTo(FulfillmentStatus.CREATED);

        // when
        Done canceled = orders.cancelOrder(created.getId());

        // then
        assertThat(canceled.getCode()).isEqualTo(200);
        assertThat(canceled.getMessage()).isEqualTo("OK");
    }
}
