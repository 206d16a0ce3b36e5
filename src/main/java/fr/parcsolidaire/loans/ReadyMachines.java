package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.inventory.Grade;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** READY machines filtered by type, grade, minimum RAM and storage: the choice offered when assigning. */
final class ReadyMachines {

    private ReadyMachines() {
    }

    /** Invalid filters are ignored here (the form shows what was typed, and {@link #filterErrors} why). */
    static List<ReadyMachine> find(Database database, Map<String, String> q) {
        Validator v = new Validator();
        MachineType type = v.optionalEnum("type", q.get("type"), MachineType.class, MachineType::label);
        Grade grade = v.optionalEnum("grade", q.get("grade"), Grade.class, Grade::name);
        BigDecimal ram = v.decimal("minRam", q.get("minRam"), false, BigDecimal.ZERO, new BigDecimal("4096"));
        BigDecimal storage = v.decimal("minStorage", q.get("minStorage"), false, BigDecimal.ZERO, new BigDecimal("1000000"));
        return query(database, type, grade, ram, storage, search(q.get("q")));
    }

    /** The French message of each invalid filter (a negative memory, an unknown type...), empty when all are valid. */
    static Map<String, String> filterErrors(Map<String, String> q) {
        Validator v = new Validator();
        v.optionalEnum("type", q.get("type"), MachineType.class, MachineType::label);
        v.optionalEnum("grade", q.get("grade"), Grade.class, Grade::name);
        v.decimal("minRam", q.get("minRam"), false, BigDecimal.ZERO, new BigDecimal("4096"));
        v.decimal("minStorage", q.get("minStorage"), false, BigDecimal.ZERO, new BigDecimal("1000000"));
        try {
            v.throwIfInvalid();
            return Map.of();
        } catch (ValidationException e) {
            return e.fields();
        }
    }

    /**
     * What the scan-or-search field holds: a scanned label (its URL or tag, in any case) becomes the tag, anything
     * else is looked for in serial numbers and models; at most 100 characters are used.
     */
    static String search(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String q = typed.strip();
        q = q.substring(0, Math.min(q.length(), 100));
        try {
            return Tags.fromScan(q);
        } catch (HttpProblem notALabel) {
            return q;
        }
    }

    private static List<ReadyMachine> query(Database database, MachineType type, Grade grade, BigDecimal ram, BigDecimal storage,
                                            String search) {
        return database.client().execute().createNamedQuery("ready-machines")
                .addParam("type", type == null ? null : type.name()).addParam("grade", grade == null ? null : grade.name())
                .addParam("minRam", ram).addParam("minStorage", storage).addParam("q", search)
                .execute().map(r -> {
                    MachineType t = MachineType.valueOf(Rows.text(r, "type"));
                    String title = ((Rows.text(r, "brand") == null ? "" : Rows.text(r, "brand")) + " "
                            + (Rows.text(r, "model") == null ? "" : Rows.text(r, "model"))).strip();
                    String g = Rows.text(r, "grade");
                    return new ReadyMachine(Rows.text(r, "tag"), t, title.isEmpty() ? t.label() : title,
                            g == null ? null : Grade.valueOf(g), Rows.decimal(r, "ram_gb"), Rows.decimal(r, "storage_gb"));
                }).toList();
    }
}
