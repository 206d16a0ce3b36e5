package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

import java.util.List;

/**
 * No machine leaves the workshop's hands with someone's data on it (DESIGN.md, "Machine lifecycle"). Before it
 * becomes READY, is handed over, or goes out as SCRAPPED or PARTS:
 * <ul>
 *   <li>each storage device on record has a passing, verified erasure since the last handover; a physical
 *   destruction is recorded the same way, as an erasure of method DESTROY (NIST SP 800-88's third level), so the
 *   registry, the certificate and this gate read one table;</li>
 *   <li>a machine of a type that always holds data ({@link MachineType#holdsData()}) with no storage device on
 *   record needs a technician's statement that it holds none ({@link NoStorageStatement}), also since the last
 *   handover. A printer is gated through the disk declared on it at diagnosis.</li>
 *   <li>no disk whose latest SMART assessment failed is still there undestroyed ({@link DiskHealth}): its
 *   remapped sectors keep data that no overwrite reaches.</li>
 * </ul>
 * Runs inside the caller's transaction, after the machine row is locked.
 */
final class ErasureGate {

    /** The step asked for, as the refusal names it. */
    enum Step {
        READY("La machine ne peut pas être déclarée prête"),
        HANDOVER("La machine ne peut pas être remise"),
        SCRAPPED("La machine ne peut pas partir au recyclage"),
        PARTS("La machine ne peut pas être démontée pour pièces");

        private final String refusal;

        Step(String refusal) {
            this.refusal = refusal;
        }
    }

    private ErasureGate() {
    }

    /** Refuses the step with a French 409 naming what is missing: which disks, or the missing statement. */
    static void require(DbExecute tx, long machineId, MachineType type, Step step, DiskHealth health) {
        String missing = missing(tx, machineId, type);
        String failing = health.missing(tx, machineId);
        if (failing != null) {
            missing = missing == null ? failing : missing + " ; " + failing;
        }
        if (missing != null) {
            throw HttpProblem.conflict(step.refusal + " : " + missing + ".");
        }
    }

    /**
     * What stands between the machine and a step out of the workshop, in French, or null when nothing does. One
     * statement reads every fact the rules need (a handover is inside a loan's transaction, issue 18).
     */
    static String missing(DbExecute tx, long machineId, MachineType type) {
        DbRow facts = tx.createNamedGet("erasure-gate").addParam("machineId", machineId).execute().orElseThrow();
        List<String> uncleared;
        try (JsonReader reader = Jsonp.reader(new StringReader(Rows.text(facts, "uncleared")))) {
            uncleared = reader.readArray().getValuesAs(JsonObject.class).stream()
                    .map(d -> deviceName(StorageKind.valueOf(d.getString("kind")), d.getString("serial", null),
                            d.getString("model", null)))
                    .toList();
        }
        if (!uncleared.isEmpty()) {
            return "effacement vérifié ou destruction manquant pour " + String.join(", ", uncleared);
        }
        if (!type.holdsData() || Rows.longValue(facts, "devices") > 0
                || Boolean.TRUE.equals(Rows.bool(facts, "statement_in_force"))) {
            return null;
        }
        return Boolean.TRUE.equals(Rows.bool(facts, "handed_over"))
                ? "aucun support déclaré depuis la dernière attribution : déclarez les supports ou l'absence de support"
                : "aucun support déclaré : déclarez les supports ou l'absence de support";
    }

    /** Storage devices without a passing, verified erasure or destruction since the last handover, by serial and model. */
    static List<String> unclearedDevices(DbExecute tx, long machineId) {
        return tx.createNamedQuery("storage-without-passing-erasure").addParam("machineId", machineId).execute()
                .map(r -> deviceName(StorageKind.valueOf(Rows.text(r, "kind")), Rows.text(r, "serial"), Rows.text(r, "model")))
                .toList();
    }

    static DbRow statementInForce(DbExecute tx, long machineId) {
        return tx.createNamedGet("no-storage-in-force").addParam("machineId", machineId).execute().orElse(null);
    }

    /** "S3Z1234 (Samsung PM981)"; a disk without serial by its kind and model. */
    static String deviceName(StorageKind kind, String serial, String model) {
        if (serial != null) {
            return model == null ? serial : serial + " (" + model + ")";
        }
        return kind.label() + (model == null ? "" : " " + model) + " sans n° de série";
    }
}
