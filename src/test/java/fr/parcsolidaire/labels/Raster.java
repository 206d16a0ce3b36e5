package fr.parcsolidaire.labels;


import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Test helper: prints a PDF page the way a printer would (pdftoppm at 300 dpi) and reads QR codes off it. */
final class Raster {

    static final int DPI = 300;

    private Raster() {
    }

    /** One page (1-based) of the PDF as a 300 dpi greyscale image. */
    static BufferedImage page(byte[] pdf, int page) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("labels");
        Path in = dir.resolve("sheet.pdf");
        Files.write(in, pdf);
        Process p = new ProcessBuilder("/usr/bin/pdftoppm", "-r", Integer.toString(DPI), "-gray", "-png",
                "-f", Integer.toString(page), "-l", Integer.toString(page), "-singlefile",
                in.toString(), dir.resolve("page").toString()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pdftoppm failed: " + new String(p.getInputStream().readAllBytes()));
        }
        BufferedImage image = ImageIO.read(dir.resolve("page.png").toFile());
        Files.delete(dir.resolve("page.png"));
        Files.delete(in);
        Files.delete(dir);
        return image;
    }

    static int px(double mm) {
        return (int) Math.round(mm / 25.4 * DPI);
    }

    /** The label cell at a 0-based position, cut out of the page image from the layout's geometry. */
    static BufferedImage cell(BufferedImage page, LabelLayout layout, int position) {
        int x = px(layout.cellLeft(position));
        int y = px(layout.cellTop(position));
        int w = Math.min(px(layout.labelWidth()), page.getWidth() - x);
        int h = Math.min(px(layout.labelHeight()), page.getHeight() - y);
        return page.getSubimage(x, y, w, h);
    }

    static Optional<String> decode(BufferedImage image) {
        return QrDecoder.decode(image);
    }
}
