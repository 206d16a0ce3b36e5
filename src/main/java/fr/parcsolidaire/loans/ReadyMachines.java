package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.inventory.Grade;
import fr.parcsolidaire.inventory.MachineType;
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
        return query(database, type, grade, ram, storage);
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

    private static List<ReadyMachine> query(Database database, MachineType type, Grade grade, BigDecimal ram, BigDecimal storage) {
        return database.client().execute().createNamedQuery("ready-machines")
                .addParam("type", type == null ? null : type.name()).addParam("grade", grade == null ? null : grade.name())
                .addParam("minRam", ram).addParam("minStorage", storage)
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
