package com.podflow.intake.channels.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.intake.channels.domain.StorefrontOrders.Platform;
import com.podflow.intake.channels.domain.StorefrontOrders.ProductMapping;

/** The channels' pure parts: signatures, secrets at rest, storefront mapping, the template sandbox. */
class ChannelDomainTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSignatureIsTheBase64HmacOfTheRawBodyAndAnyChangeBreaksIt() {
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        // given: what `printf %s '{"id":1}' | openssl dgst -sha256 -hmac secret -binary | base64` prints
        String expected = "A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=";

        assertThat(WebhookSignatures.sign("secret", body)).isEqualTo(expected);
        assertThat(WebhookSignatures.valid("secret", body, expected)).isTrue();
        assertThat(WebhookSignatures.valid("secret", "{\"id\":2}".getBytes(StandardCharsets.UTF_8), expected))
                .isFalse();
        assertThat(WebhookSignatures.valid("other", body, expected)).isFalse();
        assertThat(WebhookSignatures.valid("secret", body, null)).isFalse();
        assertThat(WebhookSignatures.valid("secret", body, "not base64 !")).isFalse();
    }

    @Test
    void secretsAreEncryptedWithAFreshNonceAndDecryptBack() {
        SecretBox box = new SecretBox("ZGV2LW9ubHktc3RvcmVmcm9udC1zZWNyZXQta2V5IUE=");
        String a = box.encrypt("shpss_123");
        String b = box.encrypt("shpss_123");

        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("shpss_123");
        assertThat(box.decrypt(a)).isEqualTo("shpss_123");
    }

    @Test
    void aVariantsOwnMappingWinsOverTheProductsAndAnUnmappedItemIsNamed() throws Exception {
        JsonNode order = JSON.readTree("""
                {"id": 5, "name": "#1005", "email": "a@example.com", "currency": "USD",
                 "shipping_address": {"country_code": "US", "first_name": "A", "last_name": "B", "address1": "1 Main",
                   "city": "X", "zip": "40003", "province_code": "KY", "phone": "555-555-5555"},
                 "line_items": [{"id": 11, "product_id": 1, "variant_id": 10, "quantity": 1, "title": "Mug"},
                                {"id": 12, "product_id": 1, "variant_id": 20, "quantity": 3, "title": "Mug"},
                                {"id": 13, "product_id": 2, "variant_id": 30, "quantity": 1, "title": "Poster"}]}
                """);
        Map<String, ProductMapping> mappings = Map.of(
                "1/10", new ProductMapping("mug_special", "https://example.com/s.pdf", "default"),
                "1/", new ProductMapping("mug", "https://example.com/m.pdf", "default"));

        StorefrontOrders.Mapped mapped = StorefrontOrders.map(Platform.SHOPIFY, "st_1", null, order,
                (p, v) -> Optional.ofNullable(mappings.get(p + "/" + v)));

        assertThat(mapped.order()).isNull();
        assertThat(mapped.notConnected()).singleElement().satisfies(n -> {
            assertThat(n.field()).isEqualTo("line_items[2]");
            assertThat(n.message()).contains("store product 2 variant 30 (Poster)");
        });

        // when the poster is mapped too
        StorefrontOrders.Mapped all = StorefrontOrders.map(Platform.SHOPIFY, "st_1", "cust-9", order,
                (p, v) -> Optional.ofNullable(mappings.get(p + "/" + v)).or(() -> p.equals("2")
                        ? Optional.of(new ProductMapping("poster", "https://example.com/p.pdf", "default"))
                        : Optional.empty()));
        assertThat(all.order().path("orderReferenceId").asText()).isEqualTo("st_1-5");
        assertThat(all.order().path("customerReferenceId").asText()).isEqualTo("cust-9");
        assertThat(all.order().path("items").findValuesAsText("productUid")).containsExactly("mug_special", "mug",
                "poster");
        assertThat(all.order().path("shippingAddress").path("state").asText()).isEqualTo("KY");
    }

    @Test
    void theSandboxRefusesLoadingAndReportsSyntaxErrorsWithTheirLine() throws Exception {
        TemplateEngine engine = new TemplateEngine(1_000, 500);
        JsonNode payload = JSON.readTree("{\"a\": \"x\"}");

        assertThat(engine.render("{% import 'x.jinja' as x %}", payload).problems()).isNotEmpty();
        assertThat(engine.render("{% from 'x' import y %}", payload).ok()).isFalse();
        assertThat(engine.render("line 1\n{{ payload.a }}\n{% if %}", payload).problems())
                .anySatisfy(p -> assertThat(p.line()).isEqualTo(3));
        assertThat(engine.render("{% for i in range(5000) %}xxxxxxxxxx{% endfor %}", payload).ok()).isFalse();
        assertThat(engine.render("##{{ context.payload.a|js }}", payload).output()).isEqualTo("\"x\"");
    }
}
