package fr.parcsolidaire.platform.pdf;

/** Opens PdfKit's header fitting to the reports' tests. */
public final class PdfKitProbe {

    private PdfKitProbe() {
    }

    public static float headSize(String header, float columnWidth) {
        return PdfKit.headSize(header, columnWidth);
    }
}
