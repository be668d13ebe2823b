package com.podflow.files.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;

/** Turns the fetch outcomes of an order's URLs into findings: one per field whose URL could not be fetched. */
public final class FileFindings {
    private FileFindings() {
    }

    /**
     * @param outcomes the outcome of each distinct URL; a URL used in several fields yields a finding for each field
     */
    public static List<Finding> of(List<FileReference> references, Map<String, FetchOutcome> outcomes) {
        List<Finding> findings = new ArrayList<>();
        for (FileReference reference : references) {
            FetchOutcome outcome = outcomes.get(reference.url());
            if (outcome == null) {
                throw new IllegalArgumentException("no outcome for " + reference.url());
            }
            outcome.problem(reference.url())
                    .ifPresent(message -> findings.add(
                            new Finding(RefusalCodes.DOWNLOAD_FAILED, reference.field(), message)));
        }
        return List.copyOf(findings);
    }
}
