package com.podflow.files.inspect;

import java.util.List;

/**
 * What a file's bytes say, whatever it is printed at: its real type and its measurements (pixel size; page count, page
 * sizes, fonts not embedded and the lowest-resolution placed image of a PDF). These depend on the content only, so
 * they are kept by SHA-256 and the rules of each order (print size, bleed, DPI) are evaluated on them every time
 * ({@link FileInspector#evaluate}).
 *
 * @param unreadable the file-format message when the file cannot be used whatever it is printed at (not a PDF, PNG or
 *        JPEG; unreadable; password-protected; no pages); null otherwise
 * @param pageSizesUnreadable, fontsUnreadable, imagesUnreadable the message when reading that part of a PDF failed
 *        (reported only when an order needs that part); null otherwise
 * @param colorSpace the colours the file uses (null when it sets none or they could not be read)
 * @param firstRgb where a PDF first uses RGB ({@code page 2 (an image)}); null otherwise
 * @param outputIntent the colour space of a PDF's output intent (PDF/X: how print converts its colours); null when it
 *        has none
 */
public record FileFacts(FileInspector.Type type, String unreadable, Integer widthPx, Integer heightPx,
        Integer pageCount, List<PageSize> pageSizes, String pageSizesUnreadable, List<String> unembeddedFonts,
        String fontsUnreadable, PlacedImage lowestImage, String imagesUnreadable, ColorSpace colorSpace,
        String firstRgb, ColorSpace outputIntent) {

    public FileFacts {
        pageSizes = pageSizes == null ? List.of() : List.copyOf(pageSizes);
        unembeddedFonts = unembeddedFonts == null ? List.of() : List.copyOf(unembeddedFonts);
    }

    /** Facts without colours. */
    public FileFacts(FileInspector.Type type, String unreadable, Integer widthPx, Integer heightPx, Integer pageCount,
            List<PageSize> pageSizes, String pageSizesUnreadable, List<String> unembeddedFonts, String fontsUnreadable,
            PlacedImage lowestImage, String imagesUnreadable) {
        this(type, unreadable, widthPx, heightPx, pageCount, pageSizes, pageSizesUnreadable, unembeddedFonts,
                fontsUnreadable, lowestImage, imagesUnreadable, null, null, null);
    }

    /** A file that cannot be used at all, with the message that says why. */
    static FileFacts unusable(FileInspector.Type type, String message) {
        return new FileFacts(type, message, null, null, null, null, null, null, null, null, null);
    }

    /** A PNG or JPEG of this pixel size and colour space. */
    static FileFacts image(FileInspector.Type type, int widthPx, int heightPx, ColorSpace colorSpace) {
        return new FileFacts(type, null, widthPx, heightPx, null, null, null, null, null, null, null, colorSpace,
                null, null);
    }

    /**
     * {@code count} pages of one visible size (rotation applied), the first of them page {@code firstPage}
     * (1-based): a PDF of a thousand equal pages is one entry.
     */
    public record PageSize(double widthMm, double heightMm, int firstPage, int count) {}

    /** The placed image with the lowest DPI: where, how large on paper and in pixels. */
    public record PlacedImage(int dpi, int page, double widthMm, double heightMm, int widthPx, int heightPx) {}

    /**
     * A generous estimate of what this object holds on the heap, for the cache's byte bound: object headers, boxed
     * numbers and list slots, plus two bytes per character of every string.
     */
    public long approximateBytes() {
        long bytes = 256 + 48L * pageSizes.size();
        for (String font : unembeddedFonts) {
            bytes += 56 + 2L * font.length();
        }
        for (String text : new String[]{unreadable, pageSizesUnreadable, fontsUnreadable, imagesUnreadable, firstRgb}) {
            bytes += text == null ? 0 : 56 + 2L * text.length();
        }
        return bytes;
    }
}
