package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.HttpProblem;
import io.helidon.http.Status;

import java.util.Map;

/** A commit refused because rows have errors: nothing was written; the report says which rows and why. */
public final class ImportRejected extends HttpProblem {

    private final transient ImportReport report;

    ImportRejected(ImportReport report) {
        super(Status.UNPROCESSABLE_CONTENT_422, "import_invalid", message(report), Map.of());
        this.report = report;
    }

    public ImportReport report() {
        return report;
    }

    private static String message(ImportReport r) {
        if (r.errors() == 0) {
            return "Le fichier ne contient aucune machine à importer : rien n'a été importé.";
        }
        String errors = r.errors() == 1 ? "une erreur" : Refusals.number(r.errors()) + " erreurs";
        return "Le fichier contient " + errors + " : rien n'a été importé. Corrigez-"
                + (r.errors() == 1 ? "la" : "les") + " puis relancez l'import.";
    }
}
