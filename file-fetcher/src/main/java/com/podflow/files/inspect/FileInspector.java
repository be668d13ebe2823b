package com.podflow.files.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.w3c.dom.Node;

import com.podflow.events.RefusalCodes;
import com.podflow.files.domain.FileReference;
import com.podflow.files.domain.Numbers;
import com.podflow.files.domain.TrimSize;
import com.podflow.files.inspect.Inspection.Problem;

/**
 * Inspects a downloaded file by its bytes (never its name or Content-Type): PDFs with PDFBox (page size against the trim
 * or trim plus bleed, embedded fonts, resolution of placed images), PNG and JPEG with ImageIO (pixel size and DPI at
 * the print size). Blocking and CPU-bound: call it off the event loop. Thread-safe.
 */
public final class FileInspector {
    static final double MM_PER_INCH = 25.4;
    static final double POINTS_PER_INCH = 72;
    /** How far the proportions of an image may differ from those of the print area (2 %). */
    static final double ASPECT_TOLERANCE = 0.02;

    private final InspectionSettings settings;

    public FileInspector(InspectionSettings settings) {
        this.settings = settings;
    }

    /** The file's real type by its first bytes. */
    public enum Type {
        PDF("application/pdf"), PNG("image/png"), JPEG("image/jpeg"), OTHER(null);

        public final String mimeType;

        Type(String mimeType) {
            this.mimeType = mimeType;
        }
    }

    /**
     * Inspects {@code file} as {@code kind}; {@code trim} is the print size when known (else only the format, and for
     * PDFs the fonts, are checked). Never throws for a bad file: an unreadable one is a {@code file_format} problem.
     */
    public Inspection inspect(Path file, FileReference.Kind kind, Optional<TrimSize> trim) throws IOException {
        return evaluate(facts(file), kind, trim);
    }

    /**
     * Reads what the file's bytes say, whatever it is printed at (the costly part: PDFBox, ImageIO). Never throws for
     * a bad file: an unreadable one has {@link FileFacts#unreadable()}.
     */
    public FileFacts facts(Path file) throws IOException {
        byte[] head = head(file);
        Type type = sniff(head);
        return switch (type) {
            case OTHER -> FileFacts.unusable(type,
                    "the file is not a PDF, PNG or JPEG (" + describe(head) + "); export it as PDF, PNG or JPEG");
            case PDF -> pdfFacts(file);
            case PNG, JPEG -> imageFacts(file, type);
        };
    }

    /** Applies the rules of one use of the file ({@code kind}, printed at {@code trim}) to its facts. Cheap. */
    public Inspection evaluate(FileFacts facts, FileReference.Kind kind, Optional<TrimSize> trim) {
        Type type = facts.type();
        if (type == Type.OTHER) {
            return format(null, facts.unreadable());
        }
        if (kind == FileReference.Kind.PACKING_SLIP && type != Type.PDF) {
            return format(type.mimeType, "a packing slip must be a PDF; this file is a " + type.name() + " image");
        }
        if (facts.unreadable() != null) {
            return format(type.mimeType, facts.unreadable());
        }
        Inspection inspection = type == Type.PDF ? evaluatePdf(facts, kind, trim) : evaluateImage(facts, type, trim);
        return colours(inspection, facts, kind);
    }

    /**
     * The file's colour space, and for a print file in RGB a {@code file_format} problem ({@code refuseRgb}) or a
     * note. A PDF whose output intent is CMYK (PDF/X) says itself how print converts its RGB: noted, never refused.
     * Packing slips are printed on office printers: their colours are only recorded.
     */
    private Inspection colours(Inspection inspection, FileFacts facts, FileReference.Kind kind) {
        ColorSpace colours = facts.colorSpace();
        if (colours == null || !colours.hasRgb() || kind != FileReference.Kind.PRINT_FILE) {
            return inspection.withColours(colours, null, null);
        }
        boolean pdf = facts.type() == Type.PDF;
        String where = pdf && facts.firstRgb() != null ? " (first on " + facts.firstRgb() + ")" : "";
        String what = pdf ? "the PDF uses RGB colours" + where : "the image is RGB";
        if (pdf && facts.outputIntent() == ColorSpace.CMYK) {
            return inspection.withColours(colours, null, what + "; its CMYK output intent says how print converts"
                    + " them");
        }
        if (settings.refuseRgb()) {
            String fix = pdf
                    ? "export it with CMYK colours (or as PDF/X with a CMYK output intent)"
                    : facts.type() == Type.PNG
                            ? "PNG has no CMYK: export it as a CMYK PDF or JPEG"
                            : "export it in CMYK";
            return inspection.withColours(colours, new Problem(RefusalCodes.FILE_FORMAT, what + "; " + fix), null);
        }
        return inspection.withColours(colours, null, what + "; print converts it to CMYK, so bright colours may"
                + " print duller");
    }

    /** The media type of a file by its first bytes (PDF, PNG, JPEG), else {@code application/octet-stream}. */
    public static String mediaType(Path file) throws IOException {
        Type type = sniff(head(file));
        return type.mimeType == null ? "application/octet-stream" : type.mimeType;
    }

    static Type sniff(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Type.PNG;
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return Type.JPEG;
        }
        // the PDF header may follow some junk; readers accept it within the first 1024 bytes
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.contains("%PDF-") ? Type.PDF : Type.OTHER;
    }

    private static FileFacts imageFacts(Path file, Type type) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return FileFacts.unusable(type, "the " + type.name() + " image cannot be read; export it again");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                // the header is enough: the pixels are never decoded
                return FileFacts.image(type, reader.getWidth(0), reader.getHeight(0), imageColours(reader));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return FileFacts.unusable(type, "the " + type.name() + " image cannot be read (" + message(e)
                    + "); export it again");
        }
    }

    /**
     * The colour space an image's header declares (the standard metadata's {@code Chroma/ColorSpaceType}: JPEG's
     * component count and Adobe marker, PNG's colour type; a palette is RGB). Null when the header says nothing
     * readable.
     */
    private static ColorSpace imageColours(ImageReader reader) {
        try {
            IIOMetadata metadata = reader.getImageMetadata(0);
            if (metadata == null) {
                return null;
            }
            if ("javax_imageio_jpeg_image_1.0".equals(metadata.getNativeMetadataFormatName())) {
                return jpegColours(metadata.getAsTree(metadata.getNativeMetadataFormatName()));
            }
            if (!metadata.isStandardMetadataFormatSupported()) {
                return null;
            }
            Node root = metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
            for (Node chroma = root.getFirstChild(); chroma != null; chroma = chroma.getNextSibling()) {
                if (!"Chroma".equals(chroma.getNodeName())) {
                    continue;
                }
                for (Node node = chroma.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if ("ColorSpaceType".equals(node.getNodeName())) {
                        Node name = node.getAttributes().getNamedItem("name");
                        return name == null ? null : switch (name.getNodeValue()) {
                            case "GRAY" -> ColorSpace.GRAY;
                            case "RGB", "YCbCr" -> ColorSpace.RGB;
                            case "CMYK", "YCCK" -> ColorSpace.CMYK;
                            default -> null;
                        };
                    }
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // the colours are a fact for the facility, not a reason to fail a file ImageIO can measure
        }
    }

    /**
     * A JPEG's colours by the number of components of its frame (1 grey, 3 RGB as YCbCr, 4 CMYK or YCCK): ImageIO's
     * standard metadata calls a CMYK JPEG without an Adobe marker YCbCr.
     */
    private static ColorSpace jpegColours(Node root) {
        for (Node sequence = root.getFirstChild(); sequence != null; sequence = sequence.getNextSibling()) {
            if (!"markerSequence".equals(sequence.getNodeName())) {
                continue;
            }
            for (Node marker = sequence.getFirstChild(); marker != null; marker = marker.getNextSibling()) {
                if ("sof".equals(marker.getNodeName())) {
                    int components = 0;
                    for (Node c = marker.getFirstChild(); c != null; c = c.getNextSibling()) {
                        components += "componentSpec".equals(c.getNodeName()) ? 1 : 0;
                    }
                    return switch (components) {
                        case 1 -> ColorSpace.GRAY;
                        case 3 -> ColorSpace.RGB;
                        case 4 -> ColorSpace.CMYK;
                        default -> null;
                    };
                }
            }
        }
        return null;
    }

    private Inspection evaluateImage(FileFacts facts, Type type, Optional<TrimSize> trim) {
        int widthPx = facts.widthPx();
        int heightPx = facts.heightPx();
        if (trim.isEmpty()) {
            return new Inspection(type.mimeType, null, widthPx, heightPx, null, List.of());
        }
        TrimSize size = trim.get();
        TrimSize bled = size.withBleed(settings.bleedMm());
        List<Problem> problems = new ArrayList<>();
        double aspect = (double) widthPx / heightPx;
        boolean fitsTrim = sameAspect(aspect, size.widthMm() / size.heightMm());
        boolean fitsBleed = sameAspect(aspect, bled.widthMm() / bled.heightMm());
        TrimSize printedAt = fitsBleed && !fitsTrim ? bled : size;
        if (!fitsTrim && !fitsBleed) {
            problems.add(new Problem(RefusalCodes.FILE_FORMAT, "the image is " + widthPx + "×" + heightPx
                    + " px, proportions " + ratio(aspect) + ", but the print size is " + size.describe() + " ("
                    + ratio(size.widthMm() / size.heightMm()) + "), or " + bled.describe() + " with "
                    + Numbers.mm(settings.bleedMm()) + " mm bleed; crop or resize it to those proportions"));
        }
        // an image of other proportions is scaled to cover the print area: the tighter side decides
        int dpi = (int) Math.round(Math.min(widthPx * MM_PER_INCH / printedAt.widthMm(),
                heightPx * MM_PER_INCH / printedAt.heightMm()));
        if (dpi < settings.minDpi()) {
            long neededW = Math.round(printedAt.widthMm() * settings.minDpi() / MM_PER_INCH);
            long neededH = Math.round(printedAt.heightMm() * settings.minDpi() / MM_PER_INCH);
            problems.add(new Problem(RefusalCodes.FILE_QUALITY, dpi + " DPI at " + printedAt.describe() + ", "
                    + settings.minDpi() + " required (the image is " + widthPx + "×" + heightPx + " px; " + neededW
                    + "×" + neededH + " px needed)"));
        }
        return new Inspection(type.mimeType, dpi, widthPx, heightPx, null, problems);
    }

    /**
     * Every part of a PDF any order may need; a part that cannot be read is kept as its message, reported only to an
     * order that needs it (a packing slip needs none of them, a print file without print size only the fonts).
     */
    private static FileFacts pdfFacts(Path file) {
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                return FileFacts.unusable(Type.PDF, "the PDF has no pages");
            }
            List<FileFacts.PageSize> sizes = null;
            String sizesUnreadable = null;
            try {
                sizes = pageSizes(document);
            } catch (RuntimeException e) {
                sizesUnreadable = unreadablePdf(e);
            }
            List<String> fonts = null;
            String fontsUnreadable = null;
            try {
                fonts = unembeddedFonts(document);
            } catch (IOException | RuntimeException e) {
                fontsUnreadable = unreadablePdf(e);
            }
            FileFacts.PlacedImage lowest = null;
            String imagesUnreadable = null;
            ColorSpace colours = null;
            String firstRgb = null;
            try {
                PdfContent content = PdfContent.read(document);
                PdfContent.Lowest found = content.lowest();
                lowest = found == null
                        ? null
                        : new FileFacts.PlacedImage(found.dpi(), found.page(), found.widthMm(), found.heightMm(),
                                found.widthPx(), found.heightPx());
                colours = content.colorSpace();
                firstRgb = content.firstRgb();
            } catch (IOException | RuntimeException e) {
                imagesUnreadable = unreadablePdf(e);
            }
            return new FileFacts(Type.PDF, null, null, null, pages, sizes, sizesUnreadable, fonts, fontsUnreadable,
                    lowest, imagesUnreadable, colours, firstRgb, outputIntent(document));
        } catch (InvalidPasswordException e) {
            return FileFacts.unusable(Type.PDF, "the PDF is password-protected; save it without a password");
        } catch (IOException | RuntimeException e) {
            return FileFacts.unusable(Type.PDF, unreadablePdf(e));
        }
    }

    /** The colour space of the PDF's first output intent's profile (by its component count), null without one. */
    private static ColorSpace outputIntent(PDDocument document) {
        try {
            List<PDOutputIntent> intents = document.getDocumentCatalog().getOutputIntents();
            if (intents.isEmpty() || intents.get(0).getDestOutputIntent() == null) {
                return null;
            }
            return switch (intents.get(0).getDestOutputIntent().getInt(COSName.N, -1)) {
                case 1 -> ColorSpace.GRAY;
                case 3 -> ColorSpace.RGB;
                case 4 -> ColorSpace.CMYK;
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String unreadablePdf(Throwable e) {
        return "the file is not a readable PDF (" + message(e) + "); export it again";
    }

    private Inspection evaluatePdf(FileFacts facts, FileReference.Kind kind, Optional<TrimSize> trim) {
        String mime = Type.PDF.mimeType;
        List<Problem> problems = new ArrayList<>();
        if (kind == FileReference.Kind.PRINT_FILE) {
            if (trim.isPresent()) {
                if (facts.pageSizesUnreadable() != null) {
                    return format(mime, facts.pageSizesUnreadable());
                }
                pageSizeProblem(facts.pageSizes(), trim.get()).ifPresent(problems::add);
            }
            if (facts.fontsUnreadable() != null) {
                return format(mime, facts.fontsUnreadable());
            }
            fontProblem(facts.unembeddedFonts()).ifPresent(problems::add);
        }
        Integer dpi = null;
        if (kind == FileReference.Kind.PRINT_FILE && trim.isPresent()) {
            if (facts.imagesUnreadable() != null) {
                return format(mime, facts.imagesUnreadable());
            }
            FileFacts.PlacedImage lowest = facts.lowestImage();
            if (lowest != null) {
                dpi = lowest.dpi();
                if (lowest.dpi() < settings.minDpi()) {
                    problems.add(new Problem(RefusalCodes.FILE_QUALITY, "an image on page " + lowest.page() + " is "
                            + lowest.dpi() + " DPI at " + Numbers.mm(lowest.widthMm()) + "×"
                            + Numbers.mm(lowest.heightMm()) + " mm, " + settings.minDpi() + " required (it is "
                            + lowest.widthPx() + "×" + lowest.heightPx() + " px)"));
                }
            }
        }
        return new Inspection(mime, dpi, null, null, facts.pageCount(), problems);
    }

    /** The visible size of every page (crop box, rotation applied), equal sizes counted together. */
    private static List<FileFacts.PageSize> pageSizes(PDDocument document) {
        Map<List<Double>, int[]> sizes = new LinkedHashMap<>(); // (w, h) → first page, count
        int index = 0;
        for (PDPage page : document.getPages()) {
            index++;
            PDRectangle box = page.getCropBox();
            double w = box.getWidth() * MM_PER_INCH / POINTS_PER_INCH;
            double h = box.getHeight() * MM_PER_INCH / POINTS_PER_INCH;
            if (page.getRotation() % 180 != 0) {
                double t = w;
                w = h;
                h = t;
            }
            int page1 = index;
            sizes.computeIfAbsent(List.of(w, h), k -> new int[]{page1, 0})[1]++;
        }
        List<FileFacts.PageSize> list = new ArrayList<>();
        sizes.forEach((size, pages) -> list.add(new FileFacts.PageSize(size.get(0), size.get(1), pages[0], pages[1])));
        return list;
    }

    /** The first page whose visible size is neither the trim nor the trim plus bleed, and how many such pages. */
    private Optional<Problem> pageSizeProblem(List<FileFacts.PageSize> sizes, TrimSize trim) {
        TrimSize bled = trim.withBleed(settings.bleedMm());
        int wrong = 0;
        int pages = 0;
        FileFacts.PageSize first = null;
        for (FileFacts.PageSize size : sizes) {
            pages += size.count();
            if (!matches(size.widthMm(), size.heightMm(), trim) && !matches(size.widthMm(), size.heightMm(), bled)) {
                wrong += size.count();
                if (first == null || size.firstPage() < first.firstPage()) {
                    first = size;
                }
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        String off = wrong > 1 ? " (" + wrong + " of " + pages + " pages are off)" : "";
        return Optional.of(new Problem(RefusalCodes.FILE_FORMAT, "page " + first.firstPage() + " is "
                + Numbers.mm(first.widthMm()) + "×" + Numbers.mm(first.heightMm()) + " mm, expected " + trim.describe()
                + " (trim) or " + bled.describe() + " (with " + Numbers.mm(settings.bleedMm()) + " mm bleed)" + off));
    }

    private boolean matches(double widthMm, double heightMm, TrimSize size) {
        return Math.abs(widthMm - size.widthMm()) <= settings.toleranceMm()
                && Math.abs(heightMm - size.heightMm()) <= settings.toleranceMm();
    }

    private static List<String> unembeddedFonts(PDDocument document) throws IOException {
        Set<String> missing = new TreeSet<>();
        Map<COSBase, Boolean> seen = new IdentityHashMap<>();
        for (PDPage page : document.getPages()) {
            collectUnembedded(page.getResources(), missing, seen, 0);
        }
        return List.copyOf(missing);
    }

    private static Optional<Problem> fontProblem(List<String> missing) {
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Problem(RefusalCodes.FILE_FORMAT, "fonts not embedded: " + String.join(", ", missing)
                + "; embed all fonts when exporting the PDF (or convert the text to outlines)"));
    }

    /** Fonts of the resources and of the forms they hold, each resource dictionary once. */
    private static void collectUnembedded(PDResources resources, Set<String> missing, Map<COSBase, Boolean> seen,
            int depth) throws IOException {
        if (resources == null || depth > 10 || seen.put(resources.getCOSObject(), Boolean.TRUE) != null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            if (font != null && !font.isEmbedded()) {
                missing.add(font.getName() == null ? name.getName() : font.getName());
            }
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject object = resources.getXObject(name);
            if (object instanceof PDFormXObject form) {
                collectUnembedded(form.getResources(), missing, seen, depth + 1);
            }
        }
    }

    private static Inspection format(String mimeType, String message) {
        return new Inspection(mimeType, null, null, null, null,
                List.of(new Problem(RefusalCodes.FILE_FORMAT, message)));
    }

    private static boolean sameAspect(double actual, double expected) {
        return Math.abs(actual - expected) / expected <= ASPECT_TOLERANCE;
    }

    private static String ratio(double aspect) {
        return String.format(java.util.Locale.ROOT, "%.2f:1", aspect);
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(1024);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A hint at what the file is instead, for the message. */
    private static String describe(byte[] head) {
        if (head.length == 0) {
            return "it is empty";
        }
        String text = new String(head, 0, Math.min(head.length, 64), java.nio.charset.StandardCharsets.ISO_8859_1)
                .trim().toLowerCase(java.util.Locale.ROOT);
        if (text.startsWith("<!doctype html") || text.startsWith("<html")) {
            return "it is an HTML page";
        }
        byte[] first = java.util.Arrays.copyOf(head, Math.min(head.length, 4));
        return "it starts with bytes " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(first);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
