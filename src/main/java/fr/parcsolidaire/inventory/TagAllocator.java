package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands out asset tags PREFIX-YEAR-NNNNN. The counter row is bumped by an upsert inside the intake's
 * transaction: its row lock makes concurrent intakes on the same prefix wait their turn, so no two get
 * the same number, and a rolled-back intake leaves no gap-filling race behind.
 */
final class TagAllocator {

    private TagAllocator() {
    }

    static List<String> allocate(DbExecute tx, String prefix, int year, int count) {
        int last = tx.createNamedGet("tag-allocate")
                .addParam("prefix", prefix).addParam("year", year).addParam("count", count)
                .execute().map(r -> Rows.intOrNull(r, "last_value"))
                .orElseThrow(() -> HttpProblem.conflict(
                        "Plus aucun numéro d'inventaire disponible pour " + prefix + " en " + year + "."));
        List<String> tags = new ArrayList<>(count);
        for (int n = last - count + 1; n <= last; n++) {
            tags.add(Tags.format(prefix, year, n));
        }
        return tags;
    }
}
