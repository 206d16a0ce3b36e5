package fr.parcsolidaire.evidence;

import fr.parcsolidaire.inventory.MachineEvidence;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;

import java.util.ArrayList;
import java.util.List;

/** The machine page's "Preuves d'effacement" section: archived files, each disk's SMART health, workbench tokens. */
final class EvidenceSection {

    private final WorkbenchTokens tokens;

    EvidenceSection(WorkbenchTokens tokens) {
        this.tokens = tokens;
    }

    /** The whole section, tokens in force included: the page shows them to those who write, until they expire. */
    MachineEvidence.Section of(DbExecute db, long machineId) {
        List<MachineEvidence.File> files = db.createNamedQuery("evidence-files-of-machine-page").addParam("machineId", machineId)
                .execute().map(r -> new MachineEvidence.File(kind(Rows.text(r, "kind")), Rows.text(r, "file_name"),
                        Rows.text(r, "sha256"), Formats.dateTime(Rows.timestamp(r, "imported_at")),
                        Rows.text(r, "display_name"), "/evidence-files/" + Rows.longValue(r, "id"))).toList();
        List<MachineEvidence.Disk> disks = db.createNamedQuery("smart-latest-of-machine").addParam("machineId", machineId)
                .execute().map(r -> {
                    Boolean passed = Rows.bool(r, "passed");
                    boolean destroyed = Boolean.TRUE.equals(Rows.bool(r, "destroyed"));
                    boolean failing = Boolean.FALSE.equals(passed);
                    String name = SmartHealth.name(Rows.text(r, "serial"), Rows.text(r, "model"), Rows.longValue(r, "id"));
                    String verdict = failing ? (destroyed ? "SMART en échec · disque détruit" : "SMART en échec : à remplacer et détruire")
                            : passed == null ? "SMART sans évaluation" : "SMART correct";
                    return new MachineEvidence.Disk(name, verdict, details(r), failing, failing && !destroyed);
                }).toList();
        List<MachineEvidence.Token> active = new ArrayList<>();
        tokens.active(db, machineId).forEach(t -> active.add(new MachineEvidence.Token(t.id(), t.createdBy(),
                t.expiresAt().toInstant(), Formats.dateTime(t.expiresAt()), t.uses(), "workbench/" + t.id() + "/revoke")));
        return new MachineEvidence.Section(files, disks, active, tokens.lifetime());
    }

    private static String details(io.helidon.dbclient.DbRow r) {
        List<String> parts = new ArrayList<>();
        Long hours = Rows.longOrNull(r, "power_on_hours");
        Long reallocated = Rows.longOrNull(r, "reallocated_sectors");
        Long pending = Rows.longOrNull(r, "pending_sectors");
        Long media = Rows.longOrNull(r, "media_errors");
        if (hours != null) {
            parts.add(hours + " h de fonctionnement");
        }
        if (reallocated != null) {
            parts.add(reallocated + " secteur(s) réalloué(s)");
        }
        if (pending != null) {
            parts.add(pending + " en attente");
        }
        if (media != null) {
            parts.add(media + " erreur(s) de support");
        }
        return String.join(" · ", parts);
    }

    static String kind(String code) {
        return switch (code) {
            case "NWIPE_PDF" -> "Certificat nwipe (PDF)";
            case "SMARTCTL_JSON" -> "Rapport SMART (smartctl)";
            default -> "Journal nwipe";
        };
    }
}
