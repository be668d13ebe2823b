package com.podflow.files.inspect;

import static com.podflow.files.testing.TestFiles.cmykJpeg;
import static com.podflow.files.testing.TestFiles.grayPng;
import static com.podflow.files.testing.TestFiles.jpeg;
import static com.podflow.files.testing.TestFiles.pdf;
import static com.podflow.files.testing.TestFiles.png;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.podflow.events.RefusalCodes;
import com.podflow.files.domain.FileReference.Kind;
import com.podflow.files.inspect.Inspection.Problem;

/** The colour space of generated PDFs and images, and what each RGB policy makes of it. */
class ColorSpaceInspectionTest {
    final FileInspector noting = new FileInspector(new InspectionSettings(300, 3, 1, false));
    final FileInspector refusing = new FileInspector(new InspectionSettings(300, 3, 1, true));

    @TempDir
    Path dir;

    record Case(String name, Supplier<byte[]> file, String colorSpace, String where) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("PDF filled in CMYK", () -> pdf(100, 70).fill("cmyk").bytes(), "cmyk", null),
                new Case("PDF filled in RGB", () -> pdf(100, 70).fill("rgb").bytes(), "rgb", "page 1 (a fill)"),
                new Case("PDF filled in grey", () -> pdf(100, 70).fill("gray").bytes(), "gray", null),
                new Case("PDF of two pages, each with a CMYK fill and an RGB image",
                        () -> pdf(100, 70).pages(2).fill("cmyk").image(1181, 827).bytes(), "mixed",
                        "page 1 (an image)"),
                new Case("PDF with CMYK fill and an RGB image", () -> pdf(100, 70).image(1181, 827).fill("cmyk")
                        .bytes(), "mixed", "page 1 (an image)"),
                new Case("PDF with only text in the default colour", () -> pdf(100, 70).text("Hi").bytes(), null,
                        null),
                new Case("PNG in RGB", () -> png(1181, 827), "rgb", null),
                new Case("PNG in grey", () -> grayPng(1181, 827), "gray", null),
                new Case("JPEG in RGB (YCbCr)", () -> jpeg(1181, 827), "rgb", null),
                new Case("JPEG in CMYK", () -> cmykJpeg(1181, 827), "cmyk", null));
    }

    Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("download.part"), bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theColourSpaceIsAFactOfTheBytes(Case c) throws IOException {
        // when
        FileFacts facts = noting.facts(write(c.file().get()));
        Inspection inspection = noting.evaluate(facts, Kind.PRINT_FILE, Optional.empty());

        // then
        assertThat(inspection.colorSpace()).isEqualTo(c.colorSpace());
        assertThat(facts.firstRgb()).isEqualTo(c.where());
        assertThat(inspection.problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rgbIsNotedOrRefusedByThePolicyOtherColoursPass(Case c) throws IOException {
        // given
        Path file = write(c.file().get());
        boolean rgb = "rgb".equals(c.colorSpace()) || "mixed".equals(c.colorSpace());

        // when
        Inspection noted = noting.inspect(file, Kind.PRINT_FILE, Optional.empty());
        Inspection refused = refusing.inspect(file, Kind.PRINT_FILE, Optional.empty());

        // then
        if (rgb) {
            assertThat(noted.problems()).isEmpty();
            assertThat(noted.notes()).singleElement().asString().contains("RGB")
                    .contains("print converts it to CMYK");
            assertThat(refused.notes()).isEmpty();
            assertThat(refused.problems()).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo(RefusalCodes.FILE_FORMAT);
                assertThat(p.message()).contains("RGB").contains("CMYK");
            });
            assertThat(refused.colorSpace()).isEqualTo(c.colorSpace());
        } else {
            assertThat(noted.notes()).isEmpty();
            assertThat(refused.notes()).isEmpty();
            assertThat(refused.problems()).isEmpty();
        }
    }

    @Test
    void theMessagesSayWhereAndWhatToDo() throws IOException {
        // given
        Path rgbPdf = write(pdf(100, 70).fill("rgb").bytes());

        // when
        Inspection refused = refusing.inspect(rgbPdf, Kind.PRINT_FILE, Optional.empty());
        Inspection noted = noting.inspect(rgbPdf, Kind.PRINT_FILE, Optional.empty());

        // then
        assertThat(refused.problems()).containsExactly(new Problem(RefusalCodes.FILE_FORMAT,
                "the PDF uses RGB colours (first on page 1 (a fill)); export it with CMYK colours (or as PDF/X with"
                        + " a CMYK output intent)"));
        assertThat(noted.notes()).containsExactly("the PDF uses RGB colours (first on page 1 (a fill)); print"
                + " converts it to CMYK, so bright colours may print duller");
        assertThat(refusing.inspect(write(png(100, 70)), Kind.PRINT_FILE, Optional.empty()).problems())
                .extracting(Problem::message)
                .containsExactly("the image is RGB; PNG has no CMYK: export it as a CMYK PDF or JPEG");
    }

    @Test
    void aPdfWithACmykOutputIntentSaysHowItsRgbConvertsAndIsNotRefused() throws IOException {
        // given
        Path file = write(pdf(100, 70).fill("rgb").cmykOutputIntent().bytes());

        // when
        Inspection inspection = refusing.inspect(file, Kind.PRINT_FILE, Optional.empty());

        // then
        assertThat(inspection.colorSpace()).isEqualTo("rgb");
        assertThat(inspection.problems()).isEmpty();
        assertThat(inspection.notes()).containsExactly("the PDF uses RGB colours (first on page 1 (a fill)); its"
                + " CMYK output intent says how print converts them");
    }

    @Test
    void packingSlipsColoursAreRecordedOnly() throws IOException {
        // when
        Inspection slip = refusing.inspect(write(pdf(210, 297).fill("rgb").bytes()), Kind.PACKING_SLIP,
                Optional.empty());

        // then
        assertThat(slip.colorSpace()).isEqualTo("rgb");
        assertThat(slip.problems()).isEmpty();
        assertThat(slip.notes()).isEqualTo(List.of());
    }
}
