package com.podflow.files.inspect;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetGraphicsStateParameters;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * The effective resolution of the images a PDF places: pixels over the size they are drawn at (the current
 * transformation matrix when {@code Do} paints them). Only the content streams are read, the image data never is.
 */
final class ImageResolution extends PDFStreamEngine {
    /** The placed image with the lowest DPI: where, how large on paper and in pixels. */
    record Lowest(int dpi, int page, double widthMm, double heightMm, int widthPx, int heightPx) {}

    private int page;
    private Lowest lowest;

    private ImageResolution() {
        addOperator(new Concatenate(this));
        addOperator(new SetMatrix(this));
        addOperator(new Save(this));
        addOperator(new Restore(this));
        addOperator(new SetGraphicsStateParameters(this));
    }

    /** The lowest-resolution placed image of {@code document}, or null when it places none. */
    static Lowest lowest(PDDocument document) throws IOException {
        ImageResolution engine = new ImageResolution();
        for (PDPage p : document.getPages()) {
            engine.page++;
            engine.processPage(p);
        }
        return engine.lowest;
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if (!"Do".equals(operator.getName())) {
            super.processOperator(operator, operands);
            return;
        }
        if (operands.isEmpty() || !(operands.get(0) instanceof COSName name) || getResources() == null) {
            return;
        }
        PDXObject object = getResources().getXObject(name);
        if (object instanceof PDImageXObject image) {
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
}
