package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The reconditioning workflow: state transitions with the data each step carries, and the records
 * taken along the way (storage devices, erasures, repairs, OS, hardware import). Each action locks the
 * machine row, checks the rules against its current state and appends its event, in one transaction.
 */
public final class WorkshopService {

    /** Long enough for "disque retiré et détruit au broyeur, bon n° …", short enough for a certificate cell. */
    static final int NO_STORAGE_NOTE_MAX = 500;

    private final Database database;
    private final Clock clock;
    private final Supplier<DiskHealth> health;

    public WorkshopService(Database database, Clock clock, Supplier<DiskHealth> health) {
        this.database = database;
        this.clock = clock;
        this.health = health;
    }

    private record Locked(long id, MachineState state, MachineType type) {
    }

    /** A workshop step asked by a technician: "to" and the step's data come from the form or JSON. */
    public Machine transition(String tag, Input in, User actor) {
        Validator v = new Validator();
        MachineState to = v.requiredEnum(in.field("to"), in.text("to"), MachineState.class, MachineState::label);
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        return database.inTransaction(tx -> {
            Locked m = lock(tx, tag);
            if (!Lifecycle.allowed(m.state(), to, Lifecycle.Channel.WORKSHOP)) {
                throw HttpProblem.conflict(Lifecycle.refusal(m.state(), to, Lifecycle.Channel.WORKSHOP));
            }
            JsonObject data = switch (to) {
                case IN_RECONDITIONING -> diagnose(tx, m, in, actor);
                case READY -> qualityCheck(in);
                case SCRAPPED -> scrap(in);
                case PARTS -> harvest(in);
                default -> Jsonp.objectBuilder().build();
            };
            // After the step's own checks, so a form with errors gets them all first.
            switch (to) {
                case READY -> ErasureGate.require(tx, m.id(), m.type(), ErasureGate.Step.READY, health.get());
                case SCRAPPED -> ErasureGate.require(tx, m.id(), m.type(), ErasureGate.Step.SCRAPPED, health.get());
                case PARTS -> ErasureGate.require(tx, m.id(), m.type(), ErasureGate.Step.PARTS, health.get());
                default -> { }
            }
            MachineHistory.record(tx, m.id(), MachineEventKind.TRANSITION, m.state(), to, actor, note, data);
            return reread(tx, tag);
        });
    }

    /**
     * A step taken on behalf of an assignment (ASSIGNED, RETURNED), inside the caller's transaction.
     * The caller has checked its own rules; the lifecycle is still enforced here, and so is the erasure gate at
     * every handover: every way to hand a machine over goes through this step, and a READY machine may predate
     * the gate's no-storage rule.
     */
    public void transitionForAssignment(DbExecute tx, String tag, MachineState to, User actor, String note, JsonObject data) {
        Locked m = lock(tx, tag);
        transitionForAssignment(tx, m.id(), m.state(), m.type(), to, actor, note, data);
    }

    /**
     * The same step on a machine the caller has already locked ({@code FOR UPDATE}) in {@code tx}, with the state and
     * type it read under that lock: a loan saves a second lock's round trip (issue 18). The transition trigger still
     * refuses the event if the machine is not in {@code from}.
     */
    public void transitionForAssignment(DbExecute tx, long machineId, MachineState from, MachineType type, MachineState to,
                                        User actor, String note, JsonObject data) {
        if (!Lifecycle.allowed(from, to, Lifecycle.Channel.ASSIGNMENT)) {
            throw HttpProblem.conflict(Lifecycle.refusal(from, to, Lifecycle.Channel.ASSIGNMENT));
        }
        if (to == MachineState.ASSIGNED) {
            ErasureGate.require(tx, machineId, type, ErasureGate.Step.HANDOVER, health.get());
        }
        MachineHistory.record(tx, machineId, MachineEventKind.TRANSITION, from, to, actor, note, data);
    }

    /**
     * Puts a machine on a shelf or in a bin (batch scanning applies it to many). The move is a LOCATION event
     * with the previous place, so the history says who moved it where and when.
     */
    public void setLocation(String tag, String location, User actor) {
        Validator v = new Validator();
        String place = v.required("location", location, 80);
        v.throwIfInvalid();
        database.inTransaction(tx -> {
            DbRow row = tx.createNamedGet("machine-location-lock").addParam("tag", tag).execute()
                    .orElseThrow(() -> Tags.notFound(tag));
            long id = Rows.longValue(row, "id");
            String previous = Rows.text(row, "location");
            tx.createNamedUpdate("machine-set-location").addParam("location", place).addParam("id", id).execute();
            JsonObjectBuilder data = Jsonp.objectBuilder().add("location", place);
            putIfPresent(data, "previous", previous);
            MachineHistory.record(tx, id, MachineEventKind.LOCATION, null, null, actor, null, data.build());
            return null;
        });
    }

    public Machine addStorage(String tag, Input in, User actor) {
        return database.inTransaction(tx -> {
            Locked m = lockInWorkshop(tx, tag);
            Validator v = new Validator();
            StorageLine line = storageLine(in, v);
            v.throwIfInvalid();
            insertStorage(tx, m, line, actor, v, in.field("serial"));
            v.throwIfInvalid();
            return reread(tx, tag);
        });
    }

    public Machine recordErasure(String tag, Input in, User actor) {
        return database.inTransaction(tx -> {
            Locked m = lockInWorkshop(tx, tag);
            if (m.state() == MachineState.RECEIVED) {
                throw HttpProblem.conflict("Commencez le diagnostic avant d'effacer les données.");
            }
            Validator v = new Validator();
            String device = v.required(in.field("device"), in.text("device"), 80);
            ErasureMethod method = v.requiredEnum(in.field("method"), in.text("method"), ErasureMethod.class, ErasureMethod::label);
            String tool = v.required(in.field("tool"), in.text("tool"), 80);
            Integer passes = v.integer(in.field("passes"), in.text("passes"), true, 0, 99);
            Boolean verified = v.bool(in.field("verified"), in.text("verified"), false);
            String result = v.required(in.field("result"), in.text("result"), 4);
            if (result != null && !result.equals("PASS") && !result.equals("FAIL")) {
                v.reject(in.field("result"), "Valeur inconnue. Choisissez parmi : PASS (réussi), FAIL (échec).");
            }
            LocalDate today = LocalDate.now(clock);
            LocalDate performedOn = in.text("performedOn") == null || in.text("performedOn").isBlank() ? today
                    : v.date(in.field("performedOn"), in.text("performedOn"), true, today.minusYears(1), today);
            DbRow found = device == null ? null : findDevice(tx, m.id(), device);
            if (device != null && found == null) {
                v.reject(in.field("device"), "Aucun support de stockage « " + device + " » sur cette machine.");
            }
            v.throwIfInvalid();
            long deviceId = Rows.longValue(found, "id");
            tx.createNamedInsert("erasure-insert")
                    .addParam("machineId", m.id()).addParam("deviceId", deviceId).addParam("method", method.name())
                    .addParam("tool", tool).addParam("passes", passes).addParam("verified", verified != null && verified)
                    .addParam("result", result).addParam("performedOn", performedOn).addParam("technicianId", actor.id())
                    .execute();
            JsonObjectBuilder data = Jsonp.objectBuilder()
                    .add("deviceId", deviceId).add("method", method.name()).add("tool", tool).add("passes", passes)
                    .add("verified", verified != null && verified).add("result", result)
                    .add("performedOn", performedOn.toString());
            putIfPresent(data, "serial", Rows.text(found, "serial"));
            MachineHistory.record(tx, m.id(), MachineEventKind.ERASURE, null, null, actor, null, data.build());
            return reread(tx, tag);
        });
    }

    /**
     * A technician's statement that the machine holds no storage device (removed and destroyed, or none fitted):
     * a NO_STORAGE event with its note, which the erasure gate accepts in place of disks for a machine that has
     * none on record. Refused while a disk on record is neither erased nor destroyed.
     */
    public Machine recordNoStorage(String tag, Input in, User actor) {
        Validator v = new Validator();
        String note = v.required(in.field("note"), in.text("note"), NO_STORAGE_NOTE_MAX);
        v.throwIfInvalid();
        return database.inTransaction(tx -> {
            Locked m = lockInWorkshop(tx, tag);
            List<String> uncleared = ErasureGate.unclearedDevices(tx, m.id());
            if (!uncleared.isEmpty()) {
                throw HttpProblem.conflict((uncleared.size() == 1 ? "Ce support n'est ni effacé ni détruit : "
                        : "Ces supports ne sont ni effacés ni détruits : ") + String.join(", ", uncleared)
                        + ". Enregistrez leur effacement vérifié ou leur destruction avant de déclarer l'absence de support.");
            }
            MachineHistory.record(tx, m.id(), MachineEventKind.NO_STORAGE, null, null, actor, note, Jsonp.objectBuilder().build());
            return reread(tx, tag);
        });
    }

    public Machine recordRepair(String tag, Input in, User actor) {
        return database.inTransaction(tx -> {
            Locked m = lockInWorkshop(tx, tag);
            Validator v = new Validator();
            String parts = v.required(in.field("parts"), in.text("parts"), 500);
            String note = v.optional(in.field("note"), in.text("note"), 2000);
            v.throwIfInvalid();
            MachineHistory.record(tx, m.id(), MachineEventKind.REPAIR, null, null, actor, note,
                    Jsonp.objectBuilder().add("parts", parts).build());
            return reread(tx, tag);
        });
    }

    public Machine recordOs(String tag, Input in, User actor) {
        return database.inTransaction(tx -> {
            Locked m = lockInWorkshop(tx, tag);
            Validator v = new Validator();
            String name = v.required(in.field("osName"), in.text("osName"), 80);
            String version = v.optional(in.field("osVersion"), in.text("osVersion"), 80);
            String licence = v.optional(in.field("osLicence"), in.text("osLicence"), 120);
            v.throwIfInvalid();
            tx.createNamedUpdate("machine-set-os").addParam("osName", name).addParam("osVersion", version)
                    .addParam("osLicence", licence).addParam("id", m.id()).execute();
            JsonObjectBuilder data = Jsonp.objectBuilder().add("osName", name);
            putIfPresent(data, "osVersion", version);
            putIfPresent(data, "osLicence", licence);
            MachineHistory.record(tx, m.id(), MachineEventKind.OS_INSTALL, null, null, actor, null, data.build());
            return reread(tx, tag);
        });
    }

    /** Fills specs and storage from the output of "lshw -json" run on the machine itself. */
    public Machine importHardware(String tag, LshwParser.Hardware hw, User actor) {
        return database.inTransaction(tx -> {
            Locked m = lockInWorkshop(tx, tag);
            tx.createNamedUpdate("machine-set-hardware")
                    .addParam("cpu", hw.cpu()).addParam("ramGb", hw.ramGb())
                    .addParam("brand", hw.vendor()).addParam("model", hw.product()).addParam("id", m.id())
                    .execute();
            var added = Jsonp.arrayBuilder();
            List<String> addedNames = new ArrayList<>();
            for (LshwParser.Disk disk : hw.disks()) {
                boolean known = disk.serial() != null && tx.createNamedGet("storage-serial-exists")
                        .addParam("machineId", m.id()).addParam("serial", disk.serial()).execute().isPresent();
                if (!known) {
                    long id = tx.createNamedGet("storage-insert")
                            .addParam("machineId", m.id()).addParam("kind", disk.kind().name())
                            .addParam("capacityGb", disk.capacityGb()).addParam("serial", disk.serial())
                            .addParam("model", disk.model()).execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
                    added.add(id);
                    addedNames.add(ErasureGate.deviceName(disk.kind(), disk.serial(), disk.model()));
                }
            }
            JsonObjectBuilder data = Jsonp.objectBuilder();
            putIfPresent(data, "cpu", hw.cpu());
            putIfPresent(data, "ramGb", hw.ramGb());
            putIfPresent(data, "vendor", hw.vendor());
            putIfPresent(data, "product", hw.product());
            data.add("storageDevicesAdded", added);
            MachineHistory.record(tx, m.id(), MachineEventKind.HARDWARE_IMPORT, null, null, actor, null, data.build());
            revokeStatement(tx, m, actor, addedNames);
            return reread(tx, tag);
        });
    }

    private JsonObject diagnose(DbExecute tx, Locked m, Input in, User actor) {
        Validator v = new Validator();
        String cpu = v.optional(in.field("cpu"), in.text("cpu"), 160);
        BigDecimal ram = v.decimal(in.field("ramGb"), in.text("ramGb"), false, new BigDecimal("0.1"), new BigDecimal("4096"));
        BigDecimal screen = v.decimal(in.field("screenInches"), in.text("screenInches"), false, BigDecimal.ONE, new BigDecimal("100"));
        Integer battery = v.integer(in.field("batteryHealth"), in.text("batteryHealth"), false, 0, 100);
        Grade grade = v.requiredEnum(in.field("grade"), in.text("grade"), Grade.class, Grade::name);
        List<Input> storageItems = in.list("storage");
        List<StorageLine> lines = storageItems.stream()
                .filter(item -> !(blank(item.text("kind")) && blank(item.text("capacityGb")) && blank(item.text("serial"))))
                .map(item -> storageLine(item, v)).toList();
        v.throwIfInvalid();
        tx.createNamedUpdate("machine-set-diagnosis")
                .addParam("cpu", cpu).addParam("ramGb", ram).addParam("screenInches", screen)
                .addParam("batteryHealth", battery).addParam("grade", grade.name()).addParam("id", m.id())
                .execute();
        for (int i = 0; i < lines.size(); i++) {
            insertStorage(tx, m, lines.get(i), actor, v, in.field("storage[" + i + "].serial"));
        }
        v.throwIfInvalid();
        JsonObjectBuilder data = Jsonp.objectBuilder().add("grade", grade.name());
        putIfPresent(data, "cpu", cpu);
        putIfPresent(data, "ramGb", ram);
        putIfPresent(data, "screenInches", screen);
        if (battery != null) {
            data.add("batteryHealth", battery);
        }
        return data.build();
    }

    private static JsonObject qualityCheck(Input in) {
        Validator v = new Validator();
        Input quality = in.child("quality");
        JsonObjectBuilder data = Jsonp.objectBuilder();
        for (QualityItem item : QualityItem.values()) {
            CheckResult r = v.requiredEnum(quality.field(item.field()), quality.text(item.field()), CheckResult.class, CheckResult::label);
            if (r == CheckResult.KO) {
                v.reject(quality.field(item.field()), "« " + item.label() + " » est en défaut : réparez avant de déclarer la machine prête.");
            }
            if (r != null) {
                data.add(item.field(), r.name());
            }
        }
        v.throwIfInvalid();
        return Jsonp.objectBuilder().add("quality", data).build();
    }

    private static JsonObject scrap(Input in) {
        Validator v = new Validator();
        BigDecimal weight = v.decimal(in.field("weightKg"), in.text("weightKg"), true, new BigDecimal("0.1"), new BigDecimal("1000"));
        String channel = v.required(in.field("channel"), in.text("channel"), 120);
        v.throwIfInvalid();
        return Jsonp.objectBuilder().add("weightKg", weight).add("channel", channel).build();
    }

    private static JsonObject harvest(Input in) {
        Validator v = new Validator();
        String harvested = v.required(in.field("harvested"), in.text("harvested"), 500);
        BigDecimal weight = v.decimal(in.field("weightKg"), in.text("weightKg"), false, new BigDecimal("0.1"), new BigDecimal("1000"));
        v.throwIfInvalid();
        JsonObjectBuilder data = Jsonp.objectBuilder().add("harvested", harvested);
        putIfPresent(data, "weightKg", weight);
        return data.build();
    }

    private record StorageLine(StorageKind kind, BigDecimal capacityGb, String serial, String model) {
    }

    private static StorageLine storageLine(Input in, Validator v) {
        StorageKind kind = v.requiredEnum(in.field("kind"), in.text("kind"), StorageKind.class, StorageKind::label);
        BigDecimal capacity = v.decimal(in.field("capacityGb"), in.text("capacityGb"), false, BigDecimal.ONE, new BigDecimal("1000000"));
        String serial = v.optional(in.field("serial"), in.text("serial"), 80);
        String model = v.optional(in.field("model"), in.text("model"), 120);
        return new StorageLine(kind, capacity, serial, model);
    }

    private static void insertStorage(DbExecute tx, Locked m, StorageLine line, User actor, Validator v, String serialField) {
        if (line.serial() != null && tx.createNamedGet("storage-serial-exists").addParam("machineId", m.id())
                .addParam("serial", line.serial()).execute().isPresent()) {
            v.reject(serialField, "Ce support est déjà enregistré sur cette machine.");
            return;
        }
        long id = tx.createNamedGet("storage-insert")
                .addParam("machineId", m.id()).addParam("kind", line.kind().name())
                .addParam("capacityGb", line.capacityGb()).addParam("serial", line.serial())
                .addParam("model", line.model()).execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
        JsonObjectBuilder data = Jsonp.objectBuilder().add("deviceId", id).add("kind", line.kind().name());
        putIfPresent(data, "capacityGb", line.capacityGb());
        putIfPresent(data, "serial", line.serial());
        MachineHistory.record(tx, m.id(), MachineEventKind.STORAGE_ADDED, null, null, actor, null, data.build());
        revokeStatement(tx, m, actor, List.of(ErasureGate.deviceName(line.kind(), line.serial(), line.model())));
    }

    /**
     * A storage device recorded after a no-storage statement proves the statement wrong or out of date: it is
     * withdrawn in the journal, and the gate then wants that device's erasure like any other.
     */
    private static void revokeStatement(DbExecute tx, Locked m, User actor, List<String> added) {
        if (added.isEmpty()) {
            return;
        }
        DbRow statement = ErasureGate.statementInForce(tx, m.id());
        if (statement == null) {
            return;
        }
        MachineHistory.record(tx, m.id(), MachineEventKind.NO_STORAGE_REVOKED, null, null, actor,
                "Déclaration « aucun support » du " + Formats.dateTime(Rows.timestamp(statement, "at"))
                        + " annulée, support ajouté : " + String.join(", ", added) + ".",
                Jsonp.objectBuilder().add("statementId", Rows.longValue(statement, "id")).build());
    }

    private static DbRow findDevice(DbExecute tx, long machineId, String device) {
        List<DbRow> rows = tx.createNamedQuery("machine-storage").addParam("machineId", machineId).execute().toList();
        for (DbRow r : rows) {
            String serial = Rows.text(r, "serial");
            if (String.valueOf(Rows.longValue(r, "id")).equals(device) || (serial != null && serial.equalsIgnoreCase(device))) {
                return r;
            }
        }
        return null;
    }

    private static Locked lock(DbExecute tx, String tag) {
        return tx.createNamedGet("machine-lock").addParam(tag).execute()
                .map(r -> new Locked(Rows.longValue(r, "id"), MachineState.valueOf(Rows.text(r, "state")),
                        MachineType.valueOf(Rows.text(r, "type"))))
                .orElseThrow(() -> Tags.notFound(tag));
    }

    private static Locked lockInWorkshop(DbExecute tx, String tag) {
        Locked m = lock(tx, tag);
        if (!Lifecycle.inWorkshop(m.state())) {
            throw HttpProblem.conflict("La machine est « " + m.state().label() + " » : cette opération se fait en atelier.");
        }
        return m;
    }

    private static Machine reread(DbExecute tx, String tag) {
        return InventoryRepository.machine(tx, tag).orElseThrow();
    }

    private static void putIfPresent(JsonObjectBuilder b, String key, Object value) {
        switch (value) {
            case null -> { }
            case BigDecimal d -> b.add(key, d);
            case Integer i -> b.add(key, i);
            default -> b.add(key, value.toString());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
