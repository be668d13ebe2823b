package com.podflow.files.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;

/** The findings and messages for each fetch outcome, and which URLs are refused before any request. */
class FileFindingsTest {
    static final String URL = "https://files.test/a.pdf";

    @Test
    void eachFailedUrlIsOneFindingNamingTheUrlAndTheCause() {
        // given
        List<FileReference> references = List.of(
                new FileReference("items[0].files[0].url", "https://files.test/ok.pdf"),
                new FileReference("items[0].files[1].url", "https://files.test/missing.pdf"),
                new FileReference("items[1].files[0].url", "https://files.test/slow.pdf"),
                new FileReference("items[1].files[1].url", "https://down.test/a.pdf"),
                new FileReference("items[2].files[0].url", "ftp://files.test/a.pdf"),
                new FileReference("packagingInstructions[0].packingSlip.fileUrl", "https://files.test/missing.pdf"));
        Map<String, FetchOutcome> outcomes = Map.of(
                "https://files.test/ok.pdf", new FetchOutcome.Fetched(200),
                "https://files.test/missing.pdf", new FetchOutcome.HttpError(404),
                "https://files.test/slow.pdf", new FetchOutcome.TimedOut(30000),
                "https://down.test/a.pdf", new FetchOutcome.Unreachable("unknown host"),
                "ftp://files.test/a.pdf", new FetchOutcome.NotHttp());

        // when
        List<Finding> findings = FileFindings.of(references, outcomes);

        // then
        assertThat(findings).allSatisfy(f -> assertThat(f.code()).isEqualTo(RefusalCodes.DOWNLOAD_FAILED));
        assertThat(findings).extracting(Finding::field, Finding::message).containsExactly(
                tuple("items[0].files[1].url",
                        "https://files.test/missing.pdf answered HTTP 404"),
                tuple("items[1].files[0].url",
                        "https://files.test/slow.pdf timed out after 30000 ms"),
                tuple("items[1].files[1].url",
                        "https://down.test/a.pdf could not be reached: unknown host"),
                tuple("items[2].files[0].url",
                        "ftp://files.test/a.pdf is not an http(s) URL"),
                tuple("packagingInstructions[0].packingSlip.fileUrl",
                        "https://files.test/missing.pdf answered HTTP 404"));
    }

    @Test
    void allFetchedMeansNoFindings() {
        assertThat(FileFindings.of(List.of(new FileReference("items[0].files[0].url", URL)),
                Map.of(URL, new FetchOutcome.Fetched(204)))).isEmpty();
        assertThat(FileFindings.of(List.of(), Map.of())).isEmpty();
    }

    @Test
    void aUrlWithoutOutcomeIsABug() {
        assertThatThrownBy(() -> FileFindings.of(List.of(new FileReference("items[0].files[0].url", URL)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(URL);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "https://files.test/a.pdf         | ",
            "HTTP://files.test/a.pdf?x=1      | ",
            "ftp://files.test/a.pdf           | ftp://files.test/a.pdf is not an http(s) URL",
            "file:///etc/passwd               | file:///etc/passwd is not an http(s) URL",
            "files.test/a.pdf                 | files.test/a.pdf is not an http(s) URL",
            "http:///a.pdf                    | http:///a.pdf is not a valid URL: it names no host",
            "https://files.test/a b.pdf       | https://files.test/a b.pdf is not a valid URL: Illegal character in path"})
    void onlyHttpUrlsWithAHostAreFetched(String url, String problem) {
        // when
        Optional<FetchOutcome> refused = FetchOutcome.precheck(url);

        // then
        assertThat(refused.flatMap(outcome -> outcome.problem(url))).isEqualTo(Optional.ofNullable(problem));
    }
}
