package fr.parcsolidaire.imports;

import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;

import java.time.OffsetDateTime;
import java.util.List;

/** Committed imports as the result page shows them: the journal entry and the machines it created, in file order. */
final class ImportHistory {

    record Done(long id, String fileName, String source, int rows, int machines, int donorsCreated, int donations,
                OffsetDateTime at, String author) {
    }

    record Machine(String tag, MachineType type, String brand, String model, MachineState state) {
    }

    private final Database database;

    ImportHistory(Database database) {
        this.database = database;
    }

    Done get(long id) {
        return database.client().execute().createNamedGet("import-get").addParam("id", id).execute()
                .map(r -> new Done(Rows.longValue(r, "id"), Rows.text(r, "file_name"), Rows.text(r, "source"),
                        Rows.intOrNull(r, "rows"), Rows.intOrNull(r, "machines"), Rows.intOrNull(r, "donors_created"),
                        Rows.intOrNull(r, "donations"), Rows.timestamp(r, "created_at"), Rows.text(r, "display_name")))
                .orElseThrow(() -> HttpProblem.notFound("Aucun import ne porte ce numéro."));
    }

    List<Machine> machines(long id) {
        return database.client().execute().createNamedQuery("import-tags").addParam("id", id).execute()
                .map(r -> new Machine(Rows.text(r, "tag"), MachineType.valueOf(Rows.text(r, "type")), Rows.text(r, "brand"),
                        Rows.text(r, "model"), MachineState.valueOf(Rows.text(r, "state")))).toList();
    }
}
