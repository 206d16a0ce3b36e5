package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an export holds: its file name, French column headers and how each SQL row becomes cells;
 * perPerson marks one row per beneficiary (administrators only, journaled: see ReportPages).
 */
record ExportTable(String fileName, String sheetName, String statement, List<String> headers,
                   Function<DbRow, List<Object>> cells, boolean perPerson) {

    static final Map<String, ExportTable> ALL = Map.of(
            "machines", new ExportTable("machines", "Machines", "report-export-machines",
                    List.of("Numéro d'inventaire", "Type", "Marque", "Modèle", "N° de série", "État", "Grade", "Site",
                            "Don n°", "Reçue le", "Type de donateur", "Donateur", "Processeur", "Mémoire (Go)",
                            "Système", "Mise à jour"),
                    r -> cells(r, "tag", "type", "brand", "model", "serial", "state", "grade", "site", "donation_id",
                            "received_on", "donor_kind", "donor_name", "cpu", "ram_gb", "os_name", "updated_at"), false),
            "assignments", new ExportTable("attributions", "Attributions", "report-export-assignments",
                    List.of("Attribution n°", "Numéro d'inventaire", "Type", "Nature", "Statut", "Début", "Échéance",
                            "Fin", "Convertie en don le", "Bénéficiaire n°", "Tranche d'âge", "Situation", "Commune", "Site"),
                    r -> cells(r, "id", "tag", "type", "kind", "status", "starts_on", "due_on", "ended_on", "converted_at",
                            "beneficiary_id", "age_bracket", "situation", "commune", "site"), true));

    /** Columns that hold codes, written in French (docs/ui.md, "Glossaire"): the JSON API keeps the codes. */
    private static final Map<String, Function<String, String>> CODED = Map.of(
            "type", code -> MachineType.valueOf(code).label(),
            "state", code -> MachineState.valueOf(code).label(),
            "donor_kind", code -> DonorKind.valueOf(code).label(),
            "kind", code -> PeopleLabels.ASSIGNMENT_KINDS.getOrDefault(code, code),
            "status", code -> PeopleLabels.ASSIGNMENT_STATUSES.getOrDefault(code, code),
            "age_bracket", code -> PeopleLabels.AGE_BRACKETS.getOrDefault(code, code),
            "situation", code -> PeopleLabels.SITUATIONS.getOrDefault(code, code));

    private static List<Object> cells(DbRow row, String... columns) {
        List<Object> out = new ArrayList<>(columns.length);
        for (String c : columns) {
            Object v = Rows.raw(row, c);
            out.add(switch (v) {
                case null -> null;
                case Number n -> n;
                case Date d -> d.toLocalDate();
                case Timestamp t -> Rows.timestamp(row, c);
                default -> CODED.getOrDefault(c, Function.identity()).apply(v.toString());
            });
        }
        return out;
    }
}
