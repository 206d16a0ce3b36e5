package fr.parcsolidaire.demo;

import fr.parcsolidaire.accounts.AccountService;
import fr.parcsolidaire.inventory.IntakeService;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.WorkshopService;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Demo users (one per role) and a small, believable workshop: a few donors and donations and about
 * thirty machines spread over every state. Everything goes through the real services, so the demo
 * history is what the workshop would have recorded.
 */
final class DemoData {

    private record DemoUser(String username, String displayName, Role role) {
    }

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Camille (admin)", Role.ADMIN),
            new DemoUser("technicien", "Karim (atelier)", Role.TECHNICIAN),
            new DemoUser("social", "Sophie (travailleuse sociale)", Role.SOCIAL_WORKER),
            new DemoUser("coordination", "Jeanne (coordination)", Role.COORDINATOR));

    private DemoData() {
    }

    /** Creates the demo users, or resets their password to the one printed at this start. Returns the admin. */
    static User users(Database database, AccountService accounts, String password) {
        User admin = null;
        for (DemoUser u : USERS) {
            Long existing = database.client().execute().createNamedGet("user-id-by-username").addParam("username", u.username()).execute()
                    .map(r -> Rows.longValue(r, "id")).orElse(null);
            long id = existing != null ? existing
                    : accounts.create(u.username(), u.displayName(), u.role().name(), password, admin);
            User user = new User(id, u.username(), u.displayName(), u.role(), true);
            if (admin == null) {
                admin = user;
            }
            if (existing != null) {
                accounts.resetPassword(id, password, admin);
            }
        }
        return admin;
    }

    static boolean isEmpty(Database database) {
        return database.client().execute().namedGet("donors-count").map(r -> Rows.longValue(r, "n")).orElse(0L) == 0;
    }

    static void load(Database database, IntakeService intake, WorkshopService workshop, User actor) {
        LocalDate today = LocalDate.now();
        List<IntakeService.NewMachine> machines = new ArrayList<>();
        machines.addAll(donate(intake, actor, donor("Mairie de Saint-Denis", "PUBLIC_BODY"), today.minusDays(60), "LAPTOP",
                "Lenovo", "ThinkPad T480", 8));
        machines.addAll(donate(intake, actor, donor("Cabinet Martin & Associés", "COMPANY"), today.minusDays(45), "LAPTOP",
                "Dell", "Latitude 5490", 7));
        machines.addAll(donate(intake, actor, donor("Banque Populaire Rives de Paris", "COMPANY"), today.minusDays(30), "DESKTOP",
                "HP", "EliteDesk 800 G4", 6));
        machines.addAll(donate(intake, actor, donor("Association Emmaüs Connect", "ASSOCIATION"), today.minusDays(20), "SCREEN",
                "Dell", "P2419H", 5));
        machines.addAll(donate(intake, actor, donor("M. Bernard", "RESIDENT"), today.minusDays(5), "TABLET",
                "Samsung", "Galaxy Tab A 10.1", 4));

        // Spread the machines over the lifecycle: a few stay as received, others go further.
        MachineState[] plan = {
                MachineState.READY, MachineState.READY, MachineState.READY, MachineState.ASSIGNED, MachineState.ASSIGNED,
                MachineState.RETURNED, MachineState.IN_RECONDITIONING, MachineState.IN_DIAGNOSIS,
                MachineState.READY, MachineState.READY, MachineState.ASSIGNED, MachineState.IN_RECONDITIONING,
                MachineState.SCRAPPED, MachineState.PARTS, MachineState.IN_DIAGNOSIS,
                MachineState.READY, MachineState.IN_RECONDITIONING, MachineState.SCRAPPED, MachineState.IN_DIAGNOSIS,
                MachineState.RECEIVED, MachineState.RECEIVED,
                MachineState.READY, MachineState.RECEIVED, MachineState.PARTS, MachineState.RECEIVED, MachineState.RECEIVED,
                MachineState.RECEIVED, MachineState.IN_DIAGNOSIS, MachineState.RECEIVED, MachineState.RECEIVED};
        for (int i = 0; i < machines.size() && i < plan.length; i++) {
            walk(database, workshop, actor, machines.get(i), plan[i], i);
        }
    }

    private static JsonObject donor(String name, String kind) {
        return Jsonp.objectBuilder().add("name", name).add("kind", kind).build();
    }

    private static List<IntakeService.NewMachine> donate(IntakeService intake, User actor, JsonObject donor, LocalDate on, String type,
                                       String brand, String model, int count) {
        JsonArrayBuilder machines = Jsonp.arrayBuilder();
        for (int i = 0; i < count; i++) {
            machines.add(Jsonp.objectBuilder().add("type", type).add("brand", brand).add("model", model)
                    .add("serial", brand.substring(0, 2).toUpperCase() + on.getDayOfYear() + String.format("%04d", 1000 + i * 37)));
        }
        JsonObject body = Jsonp.objectBuilder().add("donor", donor).add("receivedOn", on.toString())
                .add("site", "atelier").add("machines", machines).build();
        return intake.intake(Input.of(body), actor).machines();
    }

    /**
     * Takes one machine to its planned state through the workshop's rules, erasure gate included: one laptop in
     * five came without its disk (a common practice of companies) and gets the technician's no-storage statement;
     * a machine scrapped has its disk destroyed, one harvested has its SSD purged for reuse.
     */
    private static void walk(Database database, WorkshopService workshop, User actor, IntakeService.NewMachine machine,
                             MachineState target, int i) {
        String tag = machine.tag();
        if (target == MachineState.RECEIVED) {
            return;
        }
        boolean holdsData = machine.type().holdsData();
        String disk = "S3Z" + tag.replace("-", "");
        if (target == MachineState.SCRAPPED || target == MachineState.PARTS) {
            step(workshop, actor, tag, Jsonp.objectBuilder().add("to", "IN_DIAGNOSIS").build());
            if (holdsData && target == MachineState.SCRAPPED && i % 2 == 1) {
                workshop.recordNoStorage(tag, Input.of(Jsonp.objectBuilder()
                        .add("note", "Disque retiré par le donateur avant le don : aucun support").build()), actor);
            } else if (holdsData) {
                workshop.addStorage(tag, Input.of(Jsonp.objectBuilder().add("kind", "SSD").add("capacityGb", "256")
                        .add("serial", disk).build()), actor);
                boolean destroy = target == MachineState.SCRAPPED;
                workshop.recordErasure(tag, Input.of(Jsonp.objectBuilder().add("device", disk)
                        .add("method", destroy ? "DESTROY" : "PURGE").add("tool", destroy ? "Broyeur de disques" : "nwipe 0.34")
                        .add("passes", destroy ? 0 : 1).add("verified", true).add("result", "PASS").build()), actor);
            }
            step(workshop, actor, tag, target == MachineState.SCRAPPED
                    ? Jsonp.objectBuilder().add("to", "SCRAPPED").add("weightKg", "2.4").add("channel", "ecosystem").add("note", "Carte mère HS").build()
                    : Jsonp.objectBuilder().add("to", "PARTS").add("harvested", "RAM 8 Go, SSD 256 Go, chargeur").build());
            return;
        }
        step(workshop, actor, tag, Jsonp.objectBuilder().add("to", "IN_DIAGNOSIS").build());
        if (target == MachineState.IN_DIAGNOSIS) {
            return;
        }
        boolean hasDisk = holdsData && i % 5 != 3;
        var diagnosis = Jsonp.objectBuilder().add("to", "IN_RECONDITIONING")
                .add("cpu", "Intel Core i5-8250U").add("ramGb", i % 2 == 0 ? "8" : "16")
                .add("grade", new String[] {"A", "B", "C"}[i % 3]).add("batteryHealth", 60 + i);
        if (hasDisk) {
            diagnosis.add("storage", Jsonp.arrayBuilder().add(Jsonp.objectBuilder()
                    .add("kind", "SSD").add("capacityGb", "256").add("serial", disk)));
        }
        step(workshop, actor, tag, diagnosis.build());
        if (target == MachineState.IN_RECONDITIONING) {
            return;
        }
        if (hasDisk) {
            workshop.recordErasure(tag, Input.of(Jsonp.objectBuilder().add("device", disk)
                    .add("method", "PURGE").add("tool", "nwipe 0.34").add("passes", 1).add("verified", true)
                    .add("result", "PASS").build()), actor);
        } else if (holdsData) {
            workshop.recordNoStorage(tag, Input.of(Jsonp.objectBuilder()
                    .add("note", "Disque retiré et détruit par le donateur avant le don, attestation jointe au dossier").build()), actor);
        }
        workshop.recordOs(tag, Input.of(Jsonp.objectBuilder().add("osName", "Linux Mint").add("osVersion", "22")
                .add("osLicence", "GPL").build()), actor);
        var quality = Jsonp.objectBuilder();
        for (String item : List.of("boots", "keyboard", "screen", "wifi", "sound", "webcam", "battery", "ports")) {
            quality.add(item, "OK");
        }
        step(workshop, actor, tag, Jsonp.objectBuilder().add("to", "READY").add("quality", quality).build());
        if (target == MachineState.READY) {
            return;
        }
        database.inTransaction(tx -> {
            workshop.transitionForAssignment(tx, tag, MachineState.ASSIGNED, actor, "Démo : attribution",
                    Jsonp.objectBuilder().build());
            if (target == MachineState.RETURNED) {
                workshop.transitionForAssignment(tx, tag, MachineState.RETURNED, actor, "Démo : restitution",
                        Jsonp.objectBuilder().build());
            }
            return null;
        });
    }

    private static void step(WorkshopService workshop, User actor, String tag, JsonObject body) {
        workshop.transition(tag, Input.of(body), actor);
    }
}
