package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.Guard;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A spreadsheet sent as the raw request body, by the page (app.js) or by a script (curl --data-binary): its bytes
 * up to the import's size cap, and the name it had on the sender's disk.
 */
final class ImportUploads {

    /** The page sends the file's name in this header, URL-encoded (a header carries no accents as such). */
    static final String FILE_NAME_HEADER = "X-File-Name";

    private ImportUploads() {
    }

    /** The body; a declared length over the cap is refused before a byte is read, a chunked one while reading. */
    static byte[] read(ServerRequest req, MachineImportService service, ImportLimits limits) {
        if (req.headers().contentLength().orElse(0) > limits.maxBytes()) {
            throw Refusals.tooLarge("Le fichier dépasse la taille maximale de " + Refusals.megabytes(limits.maxBytes())
                    + " : découpez-le en plusieurs fichiers.");
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            return service.readUpload(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the page's script always sends: the file as the raw body (never a form) and its name. A request without
     * them did not come from the page; nothing is kept for it.
     */
    static String fromPage(ServerRequest req) {
        if (Guard.isForm(req)) {
            throw Refusals.unsupported("Envoyez le fichier lui-même depuis la page d'import, pas un formulaire.");
        }
        String name = req.headers().first(HeaderNames.create(FILE_NAME_HEADER)).orElse("");
        if (name.isBlank()) {
            throw Refusals.unreadable("Le nom du fichier manque : envoyez le fichier depuis la page d'import.");
        }
        return fileName(req, null);
    }

    /** The name given by the query's {@code fileName}, else by the page's header, else none ("fichier"). */
    static String fileName(ServerRequest req, String fromQuery) {
        if (fromQuery != null && !fromQuery.isBlank()) {
            return FileNames.clean(fromQuery);
        }
        String header = req.headers().first(HeaderNames.create(FILE_NAME_HEADER)).orElse(null);
        // 255 characters of up to 4 UTF-8 bytes, each written %XX: anything longer is not a name the page sent.
        if (header == null || header.length() > FileNames.MAX * 4 * 3) {
            return FileNames.clean(null);
        }
        try {
            return FileNames.clean(URLDecoder.decode(header, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return FileNames.clean(null);
        }
    }
}
