package com.podflow.files.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Print files made in the test: PDFs with PDFBox, PNG and JPEG with ImageIO. */
public final class TestFiles {
    private TestFiles() {
    }

    /** A PDF builder: page size in mm, optionally a full-page image of some pixel size, optionally text. */
    public static Pdf pdf(double widthMm, double heightMm) {
        return new Pdf(widthMm, heightMm);
    }

    public static final class Pdf {
        private final double widthMm;
        private final double heightMm;
        private int pages = 1;
        private int imageWidthPx;
        private int imageHeightPx;
        private boolean noise;
        private String text;
        private boolean embedFont = true;
        private String userPassword;
        private String fill;
        private boolean cmykOutputIntent;

        Pdf(double widthMm, double heightMm) {
            this.widthMm = widthMm;
            this.heightMm = heightMm;
        }

        public Pdf pages(int count) {
            this.pages = count;
            return this;
        }

        /** An image of this many pixels drawn over the whole page. */
        public Pdf image(int widthPx, int heightPx) {
            this.imageWidthPx = widthPx;
            this.imageHeightPx = heightPx;
            return this;
        }

        /** Random pixels, which do not compress: a file of about width × height × 3 bytes. */
        public Pdf noisy() {
            this.noise = true;
            return this;
        }

        /** Text in an embedded font (Liberation Sans from PDFBox). */
        public Pdf text(String text) {
            this.text = text;
            this.embedFont = true;
            return this;
        }

        /** Text in Helvetica, one of the standard 14 fonts, which PDFBox does not embed. */
        public Pdf textInUnembeddedFont(String text) {
            this.text = text;
            this.embedFont = false;
            return this;
        }

        /** A rectangle filled in {@code rgb}, {@code cmyk} or {@code gray} (the {@code rg}, {@code k}, {@code g}). */
        public Pdf fill(String colours) {
            this.fill = colours;
            return this;
        }

        /** A PDF/X-style output intent whose profile has four components (CMYK). */
        public Pdf cmykOutputIntent() {
            this.cmykOutputIntent = true;
            return this;
        }

        public Pdf password(String password) {
            this.userPassword = password;
            return this;
        }

        public byte[] bytes() {
            try (PDDocument document = new PDDocument()) {
                PDImageXObject image = imageWidthPx > 0
                        ? LosslessFactory.createFromImage(document, picture(imageWidthPx, imageHeightPx, noise))
                        : null;
                PDFont font = null;
                if (text != null) {
                    font = embedFont ? liberationSans(document) : new PDType1Font(Standard14Fonts.FontName.HELVETICA);
                }
                for (int i = 0; i < pages; i++) {
                    PDPage page = new PDPage(new PDRectangle(points(widthMm), points(heightMm)));
                    document.addPage(page);
                    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                        if (image != null) {
                            content.drawImage(image, 0, 0, points(widthMm), points(heightMm));
                        }
                        if (fill != null) {
                            switch (fill) {
                                case "rgb" -> content.setNonStrokingColor(0.9f, 0.1f, 0.1f);
                                case "cmyk" -> content.setNonStrokingColor(0f, 0.9f, 0.9f, 0f);
                                case "gray" -> content.setNonStrokingColor(0.5f);
                                default -> throw new IllegalArgumentException(fill);
                            }
                            content.addRect(10, 10, 50, 50);
                            content.fill();
                        }
                        if (font != null) {
                            content.beginText();
                            content.setFont(font, 12);
                            content.newLineAtOffset(20, 20);
                            content.showText(text);
                            content.endText();
                        }
                    }
                }
                if (cmykOutputIntent) {
                    // the profile's bytes do not matter to the inspection, only its component count
                    org.apache.pdfbox.cos.COSStream profile = document.getDocument().createCOSStream();
                    profile.setInt(org.apache.pdfbox.cos.COSName.N, 4);
                    try (var out = profile.createOutputStream()) {
                        out.write(new byte[128]);
                    }
                    var intent = new org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent(
                            new org.apache.pdfbox.cos.COSDictionary());
                    intent.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.TYPE,
                            org.apache.pdfbox.cos.COSName.getPDFName("OutputIntent"));
                    intent.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.S,
                            org.apache.pdfbox.cos.COSName.getPDFName("GTS_PDFX"));
                    intent.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.DEST_OUTPUT_PROFILE, profile);
                    document.getDocumentCatalog().addOutputIntent(intent);
                }
                if (userPassword != null) {
                    document.protect(new StandardProtectionPolicy("owner", userPassword, new AccessPermission()));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.save(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static PDFont liberationSans(PDDocument document) throws IOException {
        try (InputStream font = PDDocument.class
                .getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            return PDType0Font.load(document, font);
        }
    }

    public static byte[] png(int widthPx, int heightPx) {
        return image("png", widthPx, heightPx, 0);
    }

    /** A PNG whose pHYs says {@code dpi}: the stored DPI must not matter, only the pixels at print size. */
    public static byte[] png(int widthPx, int heightPx, int claimedDpi) {
        return image("png", widthPx, heightPx, claimedDpi);
    }

    public static byte[] jpeg(int widthPx, int heightPx) {
        return image("jpeg", widthPx, heightPx, 0);
    }

    /** A greyscale PNG. */
    public static byte[] grayPng(int widthPx, int heightPx) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_BYTE_GRAY), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG with four components (CMYK), written from a raster as ImageIO allows. */
    public static byte[] cmykJpeg(int widthPx, int heightPx) {
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, widthPx, heightPx, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] image(String format, int widthPx, int heightPx, int claimedDpi) {
        try {
            BufferedImage picture = picture(widthPx, heightPx, false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (claimedDpi <= 0) {
                ImageIO.write(picture, format, out);
                return out.toByteArray();
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(picture),
                    writer.getDefaultWriteParam());
            javax.imageio.metadata.IIOMetadataNode root = new javax.imageio.metadata.IIOMetadataNode(
                    "javax_imageio_1.0");
            javax.imageio.metadata.IIOMetadataNode dimension = new javax.imageio.metadata.IIOMetadataNode(
                    "Dimension");
            for (String axis : new String[]{"HorizontalPixelSize", "VerticalPixelSize"}) {
                javax.imageio.metadata.IIOMetadataNode size = new javax.imageio.metadata.IIOMetadataNode(axis);
                size.setAttribute("value", Double.toString(25.4 / claimedDpi));
                dimension.appendChild(size);
            }
            root.appendChild(dimension);
            metadata.mergeTree("javax_imageio_1.0", root);
            try (var stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(new IIOImage(picture, null, metadata));
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage picture(int widthPx, int heightPx, boolean noise) {
        BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
        if (noise) {
            Random random = new Random(42);
            for (int y = 0; y < heightPx; y++) {
                for (int x = 0; x < widthPx; x++) {
                    image.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
        } else {
            for (int y = 0; y < heightPx; y += 8) {
                for (int x = 0; x < widthPx; x++) {
                    image.setRGB(x, y, 0x336699);
                }
            }
        }
        return image;
    }

    /** Millimetres to PDF points (1/72 inch). */
    public static float points(double mm) {
        return (float) (mm / 25.4 * 72);
    }
}
