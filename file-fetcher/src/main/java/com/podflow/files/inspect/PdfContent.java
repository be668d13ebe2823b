package com.podflow.files.inspect;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetGraphicsStateParameters;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.color.PDCalGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDCalRGB;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceCMYK;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceN;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.color.PDICCBased;
import org.apache.pdfbox.pdmodel.graphics.color.PDIndexed;
import org.apache.pdfbox.pdmodel.graphics.color.PDLab;
import org.apache.pdfbox.pdmodel.graphics.color.PDSeparation;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.shading.PDShading;
import org.apache.pdfbox.util.Matrix;

/**
 * What a PDF's content streams place: the effective resolution of its images (pixels over the size they are drawn at:
 * the current transformation matrix when {@code Do} paints them) and the colour spaces of its fills, strokes, images
 * and shadings, with the first place RGB is used. One pass; only the content streams are read, the image data never is.
 */
final class PdfContent extends PDFStreamEngine {
    /** The placed image with the lowest DPI: where, how large on paper and in pixels. */
    record Lowest(int dpi, int page, double widthMm, double heightMm, int widthPx, int heightPx) {}

    private int page;
    private Lowest lowest;
    private final Set<ColorSpace> colours = EnumSet.noneOf(ColorSpace.class);
    private String firstRgb;

    private PdfContent() {
        addOperator(new Concatenate(this));
        addOperator(new SetMatrix(this));
        addOperator(new Save(this));
        addOperator(new Restore(this));
        addOperator(new SetGraphicsStateParameters(this));
    }

    /** Reads every page of {@code document}. */
    static PdfContent read(PDDocument document) throws IOException {
        PdfContent engine = new PdfContent();
        for (PDPage p : document.getPages()) {
            engine.page++;
            engine.processPage(p);
        }
        return engine;
    }

    /** The lowest-resolution placed image, or null when the PDF places none. */
    Lowest lowest() {
        return lowest;
    }

    /** The colours the content uses; null when it sets none (e.g. only black text in the default grey). */
    ColorSpace colorSpace() {
        return ColorSpace.of(colours);
    }

    /** Where RGB is first used ({@code page 2 (an image)}), null when it is not. */
    String firstRgb() {
        return firstRgb;
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        switch (operator.getName()) {
            case "Do" -> paint(operands);
            case "rg", "RG" -> found(ColorSpace.RGB, "rg".equals(operator.getName()) ? "a fill" : "a stroke");
            case "k", "K" -> found(ColorSpace.CMYK, null);
            case "g", "G" -> found(ColorSpace.GRAY, null);
            case "cs", "CS" -> {
                if (!operands.isEmpty() && operands.get(0) instanceof COSName name) {
                    found(classify(colourSpace(name)), "cs".equals(operator.getName()) ? "a fill" : "a stroke");
                }
            }
            case "sh" -> {
                if (!operands.isEmpty() && operands.get(0) instanceof COSName name && getResources() != null) {
                    PDShading shading = getResources().getShading(name);
                    if (shading != null) {
                        found(classify(shading.getColorSpace()), "a gradient");
                    }
                }
            }
            case "BI" -> inlineImage(operator.getImageParameters());
            default -> super.processOperator(operator, operands);
        }
    }

    private void paint(List<COSBase> operands) throws IOException {
        if (operands.isEmpty() || !(operands.get(0) instanceof COSName name) || getResources() == null) {
            return;
        }
        PDXObject object = getResources().getXObject(name);
        if (object instanceof PDImageXObject image) {
            if (!image.isStencil()) {
                found(classify(image.getColorSpace()), "an image");
            }
            Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
            double widthPt = Math.abs(ctm.getScalingFactorX());
            double heightPt = Math.abs(ctm.getScalingFactorY());
            if (widthPt < 1 || heightPt < 1 || image.getWidth() <= 0 || image.getHeight() <= 0) {
                return; // drawn too small to matter (or degenerate)
            }
            double dpiX = image.getWidth() / (widthPt / FileInspector.POINTS_PER_INCH);
            double dpiY = image.getHeight() / (heightPt / FileInspector.POINTS_PER_INCH);
            int dpi = (int) Math.round(Math.min(dpiX, dpiY));
            if (lowest == null || dpi < lowest.dpi()) {
                lowest = new Lowest(dpi, page, widthPt * FileInspector.MM_PER_INCH / FileInspector.POINTS_PER_INCH,
                        heightPt * FileInspector.MM_PER_INCH / FileInspector.POINTS_PER_INCH, image.getWidth(),
                        image.getHeight());
            }
        } else if (object instanceof PDFormXObject form) {
            showForm(form);
        }
    }

    /** An image in the content stream itself: its colour space is a short name or a resource. */
    private void inlineImage(COSDictionary parameters) throws IOException {
        if (parameters == null || parameters.getBoolean(COSName.IM, COSName.IMAGE_MASK, false)) {
            return;
        }
        COSBase space = parameters.getDictionaryObject(COSName.CS, COSName.COLORSPACE);
        if (!(space instanceof COSName name)) {
            return;
        }
        ColorSpace kind = switch (name.getName()) {
            case "G", "DeviceGray", "CalGray" -> ColorSpace.GRAY;
            case "RGB", "DeviceRGB", "CalRGB" -> ColorSpace.RGB;
            case "CMYK", "DeviceCMYK" -> ColorSpace.CMYK;
            default -> classify(colourSpace(name));
        };
        found(kind, "an image");
    }

    private PDColorSpace colourSpace(COSName name) throws IOException {
        if (getResources() == null) {
            return PDColorSpace.create(name);
        }
        return getResources().getColorSpace(name);
    }

    private void found(ColorSpace kind, String what) {
        if (kind == null) {
            return;
        }
        colours.add(kind);
        if (kind == ColorSpace.RGB && firstRgb == null) {
            firstRgb = "page " + page + (what == null ? "" : " (" + what + ")");
        }
    }

    /**
     * Grey, RGB or CMYK by what the colour space is made of: ICC profiles by their number of components, Lab and
     * calibrated RGB as RGB (print converts them), an indexed palette by its base, spot colours (Separation, DeviceN)
     * as CMYK (inks of the press). Patterns are not followed: null.
     */
    static ColorSpace classify(PDColorSpace space) throws IOException {
        if (space == null) {
            return null;
        }
        if (space instanceof PDDeviceGray || space instanceof PDCalGray) {
            return ColorSpace.GRAY;
        }
        if (space instanceof PDDeviceRGB || space instanceof PDCalRGB || space instanceof PDLab) {
            return ColorSpace.RGB;
        }
        if (space instanceof PDDeviceCMYK || space instanceof PDSeparation || space instanceof PDDeviceN) {
            return ColorSpace.CMYK;
        }
        if (space instanceof PDICCBased icc) {
            return switch (icc.getNumberOfComponents()) {
                case 1 -> ColorSpace.GRAY;
                case 3 -> ColorSpace.RGB;
                case 4 -> ColorSpace.CMYK;
                default -> null;
            };
        }
        if (space instanceof PDIndexed indexed) {
            return classify(indexed.getBaseColorSpace());
        }
        return null;
    }
}
