package com.podflow.files.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The message of each download outcome, whether it is worth retrying, and which URLs are refused before any request. */
class FetchOutcomeTest {
    static final String URL = "https://files.test/a.pdf";

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of(new FetchOutcome.HttpError(404), false, URL + " answered HTTP 404"),
                Arguments.of(new FetchOutcome.HttpError(503), true, URL + " answered HTTP 503"),
                Arguments.of(new FetchOutcome.HttpError(429), true, URL + " answered HTTP 429"),
                Arguments.of(new FetchOutcome.TimedOut(30000), true, URL + " timed out after 30 s"),
                Arguments.of(new FetchOutcome.TimedOut(1500), true, URL + " timed out after 1.5 s"),
                Arguments.of(new FetchOutcome.Unreachable("connection refused"), true,
                        URL + " could not be reached: connection refused"),
                Arguments.of(new FetchOutcome.Unreachable("unknown host"), false,
                        URL + " could not be reached: unknown host"),
                Arguments.of(new FetchOutcome.TooLarge(100_000_000, 150_200_000), false,
                        URL + " is larger than the 100 MB limit (150.2 MB)"),
                Arguments.of(new FetchOutcome.TooLarge(100_000_000, -1), false,
                        URL + " is larger than the 100 MB limit"),
                Arguments.of(new FetchOutcome.NotPublic(URL, "10.0.0.1 is a private address"), false,
                        URL + " is not public: 10.0.0.1 is a private address; give a URL on the public internet"),
                Arguments.of(new FetchOutcome.TooManyRedirects(5), false, URL + " redirects more than 5 times"),
                Arguments.of(new FetchOutcome.GaveUp(new FetchOutcome.HttpError(502), 3), false,
                        URL + " answered HTTP 502 (3 attempts)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("outcomes")
    void eachProblemSaysWhatHappenedWithItsNumbers(FetchOutcome outcome, boolean transientProblem, String message) {
        assertThat(outcome.problem(URL)).contains(message);
        assertThat(outcome.transientProblem()).isEqualTo(transientProblem);
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
