package fr.parcsolidaire.imports;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;

/**
 * An XLSX is a zip archive, and fastexcel-reader inflates whatever part it needs without any bound: a 20 MB
 * archive can hold gigabytes of XML (a "zip bomb"), or overlapping entries that each inflate the same data.
 * Before fastexcel sees the file, every entry is inflated here once through the same ZipFile class fastexcel
 * opens it with (commons-compress, central directory), counting the bytes actually produced — sizes declared
 * in the archive may lie — and refusing past the caps. Nothing inflated is kept.
 */
final class ZipGuard {

    private ZipGuard() {
    }

    static void check(byte[] bytes, ImportLimits limits) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int entries = 0;
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
                ZipArchiveEntry entry = e.nextElement();
                if (++entries > limits.maxZipEntries()) {
                    throw bomb("il contient plus de " + Refusals.number(limits.maxZipEntries()) + " éléments");
                }
                if (!zip.canReadEntryData(entry)) {
                    throw Refusals.unreadable("Ce classeur est chiffré ou compressé d'une manière non prise en charge. "
                            + "Enregistrez-le à nouveau depuis Excel (.xlsx, sans mot de passe) ou au format CSV.");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > limits.maxUncompressedBytes()) {
                            throw bomb("une fois décompressé, il dépasserait " + Refusals.megabytes(limits.maxUncompressedBytes()));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof fr.parcsolidaire.platform.http.HttpProblem problem) {
                throw problem;
            }
            throw XlsxSheetReader.unreadable();
        }
        if (entries == 0) {
            throw XlsxSheetReader.unreadable();
        }
    }

    private static fr.parcsolidaire.platform.http.HttpProblem bomb(String why) {
        return Refusals.tooLarge("Ce classeur est refusé : " + why + ". Un inventaire n'en a pas besoin ; "
                + "enregistrez-le à nouveau depuis votre tableur ou envoyez-le au format CSV.");
    }
}
