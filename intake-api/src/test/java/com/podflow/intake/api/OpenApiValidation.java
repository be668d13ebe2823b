package com.podflow.intake.api;

import java.nio.file.Path;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

/**
 * Every answer in the API tests is checked against the OpenAPI document (status documented, body matching its schema,
 * declared headers), so that the document cannot drift from the code: a rest-assured filter, set before each test of
 * every {@code @QuarkusTest} (registered in META-INF/services). Requests are not checked: the tests send malformed
 * ones on purpose.
 */
public class OpenApiValidation implements QuarkusTestBeforeEachCallback {
    /** The checked-in document, kept equal to the one the API serves by {@link OpenApiDocumentTest}. */
    static final Path DOCUMENT = Path.of("openapi", "order-api.yaml");

    private static final OpenApiValidationFilter FILTER = new OpenApiValidationFilter(OpenApiInteractionValidator
            .createForSpecificationUrl(DOCUMENT.toAbsolutePath().toUri().toString())
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .build())
            .build());

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.replaceFiltersWith(FILTER);
    }
}
