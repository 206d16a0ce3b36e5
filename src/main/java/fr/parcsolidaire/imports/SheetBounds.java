package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.HttpProblem;

import java.util.Arrays;
import java.util.List;

/** What both readers bound the same way: rows, and columns up to a row's last non-blank cell. */
final class SheetBounds {

    private SheetBounds() {
    }

    static HttpProblem tooMany(ImportLimits limits) {
        return Refusals.tooLarge("Le fichier compte plus de " + Refusals.number(limits.maxRows())
                + " lignes de machines : découpez-le en plusieurs fichiers et importez-les l'un après l'autre.");
    }

    static HttpProblem tooWide(ImportLimits limits, long line) {
        return Refusals.tooLarge("La ligne " + Refusals.number(line) + " compte plus de " + Refusals.number(limits.maxColumns())
                + " colonnes : ce n'est pas un inventaire. Gardez une colonne par information (type, marque, modèle…).");
    }

    /** The cells up to the last non-blank one; empty for a blank row (";;;;" included). */
    static List<String> nonBlank(String[] values, ImportLimits limits, long line) {
        int last = values.length - 1;
        while (last >= 0 && (values[last] == null || values[last].isBlank())) {
            last--;
        }
        if (last + 1 > limits.maxColumns()) {
            throw tooWide(limits, line);
        }
        return last < 0 ? List.of() : List.copyOf(Arrays.asList(values).subList(0, last + 1));
    }
}
