package com.podflow.files.inspect;

import static com.podflow.files.testing.TestFiles.jpeg;
import static com.podflow.files.testing.TestFiles.pdf;
import static com.podflow.files.testing.TestFiles.png;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.podflow.events.RefusalCodes;
import com.podflow.files.domain.FileReference.Kind;
import com.podflow.files.domain.TrimSize;
import com.podflow.files.inspect.Inspection.Problem;

/** Inspection over a table of generated files: what each one is, its numbers, and what is wrong with it. */
class FileInspectorTest {
    static final TrimSize A4_PORTRAIT = new TrimSize(210, 297, "productUid");
    static final TrimSize A4_LANDSCAPE = new TrimSize(297, 210, "productUid");
    /** Small, so the files stay small: 300 DPI is 1181×827 px. */
    static final TrimSize CARD = new TrimSize(100, 70, "customTrim");

    /** A valid one-page PDF small enough to write by hand, e.g. for a local try-out or an end-to-end test. */
    static final String MINIMAL_A4_LANDSCAPE_PDF = "%PDF-1.4\n"
            + "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
            + "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
            + "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 841.89 595.28]>> endobj\n"
            + "trailer <</Root 1 0 R>>\n"
            + "%%EOF\n";

    final FileInspector inspector = new FileInspector(InspectionSettings.defaults());

    @TempDir
    Path dir;

    record Case(String name, Supplier<byte[]> file, Kind kind, TrimSize trim, String mimeType, Integer dpi,
            List<Problem> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case ok(String name, Supplier<byte[]> file, Kind kind, TrimSize trim, String mimeType, Integer dpi) {
        return new Case(name, file, kind, trim, mimeType, dpi, List.of());
    }

    static Case bad(String name, Supplier<byte[]> file, Kind kind, TrimSize trim, String mimeType, Integer dpi,
            Problem... problems) {
        return new Case(name, file, kind, trim, mimeType, dpi, List.of(problems));
    }

    static Problem format(String message) {
        return new Problem(RefusalCodes.FILE_FORMAT, message);
    }

    static Problem quality(String message) {
        return new Problem(RefusalCodes.FILE_QUALITY, message);
    }

    static Stream<Case> cases() {
        return Stream.of(
                ok("PDF at trim size, 300 DPI image, embedded font",
                        () -> pdf(100, 70).pages(2).image(1181, 827).text("Hello").bytes(),
                        Kind.PRINT_FILE, CARD, "application/pdf", 300),
                ok("PDF at trim plus 3 mm bleed",
                        () -> pdf(106, 76).image(1252, 898).bytes(), Kind.PRINT_FILE, CARD, "application/pdf", 300),
                ok("PDF within the 1 mm tolerance, no images, no fonts",
                        () -> pdf(100.8, 69.4).bytes(), Kind.PRINT_FILE, CARD, "application/pdf", null),
                bad("PDF portrait for a landscape product",
                        () -> pdf(210, 297).bytes(), Kind.PRINT_FILE, A4_LANDSCAPE, "application/pdf", null,
                        format("page 1 is 210×297 mm, expected 297×210 mm (trim) or 303×216 mm (with 3 mm bleed)")),
                bad("PDF with several pages of the wrong size",
                        () -> pdf(148, 210).pages(3).bytes(), Kind.PRINT_FILE, CARD, "application/pdf", null,
                        format("page 1 is 148×210 mm, expected 100×70 mm (trim) or 106×76 mm (with 3 mm bleed)"
                                + " (3 of 3 pages are off)")),
                bad("PDF with a font that is not embedded",
                        () -> pdf(100, 70).textInUnembeddedFont("Hello").bytes(), Kind.PRINT_FILE, CARD,
                        "application/pdf", null,
                        format("fonts not embedded: Helvetica; embed all fonts when exporting the PDF (or convert"
                                + " the text to outlines)")),
                bad("PDF with a low-resolution image",
                        () -> pdf(100, 70).image(583, 408).bytes(), Kind.PRINT_FILE, CARD, "application/pdf", 148,
                        quality("an image on page 1 is 148 DPI at 100×70 mm, 300 required (it is 583×408 px)")),
                bad("PDF with a password",
                        () -> pdf(100, 70).password("secret").bytes(), Kind.PRINT_FILE, CARD, "application/pdf",
                        null, format("the PDF is password-protected; save it without a password")),
                ok("PDF of a product without a known size: format and fonts only",
                        () -> pdf(500, 500).image(100, 100).bytes(), Kind.PRINT_FILE, null, "application/pdf", null),
                ok("packing slip PDF of any size",
                        () -> pdf(210, 297).textInUnembeddedFont("Thanks").bytes(), Kind.PACKING_SLIP, null,
                        "application/pdf", null),
                bad("packing slip that is an image",
                        () -> png(100, 100), Kind.PACKING_SLIP, null, "image/png", null,
                        format("a packing slip must be a PDF; this file is a PNG image")),
                ok("PNG at 300 DPI", () -> png(1181, 827), Kind.PRINT_FILE, CARD, "image/png", 300),
                ok("PNG at 300 DPI including bleed", () -> png(1252, 898), Kind.PRINT_FILE, CARD, "image/png", 300),
                bad("PNG at 148 DPI for A4",
                        () -> png(1223, 1730), Kind.PRINT_FILE, A4_PORTRAIT, "image/png", 148,
                        quality("148 DPI at 210×297 mm, 300 required (the image is 1223×1730 px; 2480×3508 px"
                                + " needed)")),
                bad("PNG claiming 600 DPI in its header: the pixels decide",
                        () -> png(591, 414, 600), Kind.PRINT_FILE, CARD, "image/png", 150,
                        quality("150 DPI at 100×70 mm, 300 required (the image is 591×414 px; 1181×827 px"
                                + " needed)")),
                bad("PNG portrait for a landscape product",
                        () -> png(827, 1181), Kind.PRINT_FILE, CARD, "image/png", 210,
                        format("the image is 827×1181 px, proportions 0.70:1, but the print size is 100×70 mm"
                                + " (1.43:1), or 106×76 mm with 3 mm bleed; crop or resize it to those proportions"),
                        quality("210 DPI at 100×70 mm, 300 required (the image is 827×1181 px; 1181×827 px"
                                + " needed)")),
                ok("JPEG at 300 DPI", () -> jpeg(1181, 827), Kind.PRINT_FILE, CARD, "image/jpeg", 300),
                bad("JPEG at 150 DPI",
                        () -> jpeg(591, 414), Kind.PRINT_FILE, CARD, "image/jpeg", 150,
                        quality("150 DPI at 100×70 mm, 300 required (the image is 591×414 px; 1181×827 px"
                                + " needed)")),
                ok("image of a product without a known size: no DPI",
                        () -> jpeg(10, 10), Kind.PRINT_FILE, null, "image/jpeg", null),
                ok("a minimal hand-written PDF of A4 landscape (no xref: PDFBox rebuilds it)",
                        () -> MINIMAL_A4_LANDSCAPE_PDF.getBytes(StandardCharsets.US_ASCII), Kind.PRINT_FILE,
                        A4_LANDSCAPE, "application/pdf", null),
                bad("an HTML page named .pdf",
                        () -> "<!DOCTYPE html><html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8),
                        Kind.PRINT_FILE, CARD, null, null,
                        format("the file is not a PDF, PNG or JPEG (it is an HTML page); export it as PDF, PNG or"
                                + " JPEG")),
                bad("an empty file",
                        () -> new byte[0], Kind.PRINT_FILE, CARD, null, null,
                        format("the file is not a PDF, PNG or JPEG (it is empty); export it as PDF, PNG or JPEG")),
                bad("a PNG cut off in its header",
                        () -> java.util.Arrays.copyOf(png(100, 100), 20), Kind.PRINT_FILE, CARD, "image/png", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inspectsTheBytes(Case c) throws IOException {
        // given
        Path file = dir.resolve("download.part"); // the name says nothing: the bytes decide
        Files.write(file, c.file().get());

        // when
        Inspection inspection = inspector.inspect(file, c.kind(), Optional.ofNullable(c.trim()));

        // then
        assertThat(inspection.mimeType()).isEqualTo(c.mimeType());
        assertThat(inspection.dpi()).isEqualTo(c.dpi());
        if (c.name().startsWith("a PNG cut off")) {
            assertThat(inspection.problems()).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo(RefusalCodes.FILE_FORMAT);
                assertThat(p.message()).startsWith("the PNG image cannot be read");
            });
        } else {
            assertThat(inspection.problems()).containsExactlyElementsOf(c.problems());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theFactsOfAFileReadOnceJudgeEveryUseAsInspectingItWould(Case c) throws IOException {
        // given
        Path file = dir.resolve("download.part");
        Files.write(file, c.file().get());

        // when
        FileFacts facts = inspector.facts(file);

        // then every print size and kind gets from the same facts what a fresh inspection gives
        for (Kind kind : Kind.values()) {
            for (TrimSize trim : java.util.Arrays.asList(CARD, A4_LANDSCAPE, A4_PORTRAIT, null)) {
                assertThat(inspector.evaluate(facts, kind, Optional.ofNullable(trim)))
                        .as("%s at %s", kind, trim)
                        .isEqualTo(inspector.inspect(file, kind, Optional.ofNullable(trim)));
            }
        }
        assertThat(facts.approximateBytes()).isPositive().isLessThan(4096);
    }
}
