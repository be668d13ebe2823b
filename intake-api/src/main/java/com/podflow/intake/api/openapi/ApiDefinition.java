package com.podflow.intake.api.openapi;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.servers.ServerVariable;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.podflow.support.api.ApiError;

/**
 * The Order API's OpenAPI document (/q/openapi): what holds for the whole API, declared once. The security schemes
 * and the standard error answers are applied to each operation by {@link ApiContractFilter}. (An {@link Application}
 * without classes of its own, so that every resource stays in; it is where the OpenAPI scanner reads
 * {@code @OpenAPIDefinition}.)
 */
@OpenAPIDefinition(info = @Info(title = "podflow Order API", version = "1", description = ApiDefinition.DESCRIPTION, contact = @Contact(name = "podflow order intake")), servers = {
        @Server(url = "http://127.0.0.1:8080", description = "The local run (./run.sh); plain HTTP is allowed"
                + " only there"),
        @Server(url = "https://{host}", description = "A deployment behind TLS", variables = @ServerVariable(name = "host", defaultValue = "intake.podflow.local", description = "The deployment's host name (and port)"))}, tags = {
                @Tag(name = ApiDefinition.ORDERS, description = "Submit, read, search, change and cancel orders"),
                @Tag(name = ApiDefinition.CUSTOMERS, description = "The client's registered customers"),
                @Tag(name = ApiDefinition.REQUESTS, description = "The requests log: every API call of the client,"
                        + " kept 30 days"),
                @Tag(name = ApiDefinition.NOTIFICATIONS, description = "Postback URL, webhooks, e-mail settings and"
                        + " the deliveries log (answered by notification-service)"),
                @Tag(name = ApiDefinition.FACILITIES, description = "Print facilities without Kafka (X-FACILITY-KEY):"
                        + " progress reports on their orders, as on orders.production-reports"),
                @Tag(name = ApiDefinition.CHANNELS, description = "Other ways in: connector templates (Jinja) and"
                        + " connectors, connected storefronts (Shopify, WooCommerce) and their product mappings, and"
                        + " the storefronts' order webhooks"),
                @Tag(name = ApiDefinition.ADMIN, description = "Operators (X-ADMIN-KEY): clients, keys, facility keys,"
                        + " rate limits, customers, postback URLs and every client's requests")}, components = @Components(securitySchemes = {
                                @SecurityScheme(securitySchemeName = ApiDefinition.API_KEY, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, apiKeyName = "X-API-KEY", description = "The client's key and secret as key:secret"),
                                @SecurityScheme(securitySchemeName = ApiDefinition.ADMIN_KEY, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, apiKeyName = "X-ADMIN-KEY", description = "The operators' key"),
                                @SecurityScheme(securitySchemeName = ApiDefinition.FACILITY_KEY, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, apiKeyName = "X-FACILITY-KEY", description = "A print facility's key and secret as key:secret (created by operators); valid only for /facility"),
                                @SecurityScheme(securitySchemeName = ApiDefinition.SHOPIFY_HMAC, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, apiKeyName = "X-Shopify-Hmac-Sha256", description = "Shopify's webhook signature: base64 of HMAC-SHA256 of the raw body with the store's secret"),
                                @SecurityScheme(securitySchemeName = ApiDefinition.WOOCOMMERCE_SIGNATURE, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, apiKeyName = "X-WC-Webhook-Signature", description = "WooCommerce's webhook signature: base64 of HMAC-SHA256 of the raw body with the store's secret")}, responses = {
                                        @APIResponse(name = "BadRequest", responseCode = "400", description = "The request is"
                                                + " malformed or breaks a rule; errors names each field at fault", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
                                        @APIResponse(name = "Unauthorized", responseCode = "401", description = "The key header is"
                                                + " missing or wrong", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
                                        @APIResponse(name = "Forbidden", responseCode = "403", description = "Plain HTTP outside"
                                                + " development: use HTTPS", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
                                        @APIResponse(name = "NotFound", responseCode = "404", description = "No such resource of"
                                                + " this client (another client's ids are not found either)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
                                        @APIResponse(name = "PayloadTooLarge", responseCode = "413", description = "The body is over 1 MB;"
                                                + " the HTTP layer refuses it before the API sees it, with an empty body"),
                                        @APIResponse(name = "UnsupportedMediaType", responseCode = "415", description = "The body"
                                                + " is not sent as application/json", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
                                        @APIResponse(name = "TooManyRequests", responseCode = "429", description = "Over the client's"
                                                + " rate limit (100 requests per second unless set otherwise); retry after the"
                                                + " given seconds, with backoff and jitter", headers = @Header(name = "Retry-After", description = "Seconds to wait before"
                                                        + " retrying", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")), content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
                                        @APIResponse(name = "InternalError", responseCode = "500", description = "Unexpected; the"
                                                + " message carries a reference that is also in the log", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
                                        @APIResponse(name = "ServiceUnavailable", responseCode = "503", description = "The database"
                                                + " or a service behind the API (order status, notifications) is not reachable;"
                                                + " retry after the given seconds", headers = @Header(name = "Retry-After", description = "Seconds to wait before"
                                                        + " retrying", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")), content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))}))
public class ApiDefinition extends Application {
    static final String DESCRIPTION = "Submit, read, search, change and cancel print-on-demand orders, and manage the"
            + " client's customers, requests log and notifications. Every /v1 call needs X-API-KEY: key:secret; every"
            + " /facility call (print facilities' reports) X-FACILITY-KEY: key:secret; every /admin call X-ADMIN-KEY. Errors are {\"code\", \"message\", \"errors\"?: [{\"field\", \"code\","
            + " \"message\"}], \"orderId\"?}.";

    public static final String API_KEY = "ApiKey";
    public static final String ADMIN_KEY = "AdminKey";
    public static final String FACILITY_KEY = "FacilityKey";
    public static final String SHOPIFY_HMAC = "ShopifyHmac";
    public static final String WOOCOMMERCE_SIGNATURE = "WooCommerceSignature";
    public static final String CHANNELS = "Channels";

    public static final String ORDERS = "Orders";
    public static final String CUSTOMERS = "Customers";
    public static final String REQUESTS = "Requests log";
    public static final String NOTIFICATIONS = "Notifications";
    public static final String FACILITIES = "Facilities";
    public static final String ADMIN = "Admin";

}
