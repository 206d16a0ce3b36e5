package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Takes in a donation: its donor (existing or new), date, site and the machines it brings,
 * each receiving a fresh asset tag. All or nothing, in one transaction.
 */
public final class IntakeService {

    public static final int MAX_MACHINES_PER_DONATION = 500;

    public record NewMachine(String tag, MachineType type, String brand, String model, String serial) {
    }

    public record IntakeResult(long donationId, long donorId, List<NewMachine> machines) {
    }

    private record Line(MachineType type, String brand, String model, String serial) {
    }

    private record NewDonor(DonorKind kind, String name, String contactName, String email, String phone) {
    }

    private final Database database;
    private final InventoryRepository inventory;
    private final Clock clock;

    public IntakeService(Database database, InventoryRepository inventory, Clock clock) {
        this.database = database;
        this.inventory = inventory;
        this.clock = clock;
    }

    public IntakeResult intake(Input in, User actor) {
        Validator v = new Validator();
        Long donorId = null;
        NewDonor newDonor = null;
        String donorIdText = in.text("donorId");
        if (donorIdText != null && !donorIdText.isBlank() && !donorIdText.equals("new")) {
            Integer id = v.integer(in.field("donorId"), donorIdText, true, 1, Integer.MAX_VALUE);
            if (id != null) {
                donorId = inventory.donor(id).map(Donor::id).orElse(null);
                if (donorId == null) {
                    v.reject(in.field("donorId"), "Donateur inconnu.");
                }
            }
        } else {
            newDonor = donor(in.child("donor"), v);
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate receivedOn = v.date(in.field("receivedOn"), in.text("receivedOn"), true,
                today.minusYears(5), today);
        String siteCode = v.required(in.field("site"), in.text("site"), 30);
        Site site = siteCode == null ? null : inventory.site(siteCode).orElse(null);
        if (siteCode != null && site == null) {
            v.reject(in.field("site"), "Site inconnu.");
        }
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        List<Line> lines = lines(in, v);
        v.throwIfInvalid();

        final Long existingDonor = donorId;
        final NewDonor donorToCreate = newDonor;
        return database.inTransaction(tx -> {
            long donor = existingDonor != null ? existingDonor : insertDonor(tx, donorToCreate, actor);
            long donationId = tx.createNamedGet("donation-insert")
                    .addParam("donorId", donor).addParam("siteId", site.id()).addParam("receivedOn", receivedOn)
                    .addParam("note", note).addParam("createdBy", actor.id())
                    .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
            List<String> tags = TagAllocator.allocate(tx, site.tagPrefix(), receivedOn.getYear(), lines.size());
            List<NewMachine> created = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                String tag = tags.get(i);
                long machineId = tx.createNamedGet("machine-insert")
                        .addParam("tag", tag).addParam("donationId", donationId).addParam("siteId", site.id())
                        .addParam("type", line.type().name()).addParam("brand", line.brand())
                        .addParam("model", line.model()).addParam("serial", line.serial())
                        .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
                MachineHistory.record(tx, machineId, MachineEventKind.INTAKE, null, null, actor, null,
                        Jsonp.objectBuilder().add("donationId", donationId).build());
                created.add(new NewMachine(tag, line.type(), line.brand(), line.model(), line.serial()));
            }
            return new IntakeResult(donationId, donor, created);
        });
    }

    private NewDonor donor(Input d, Validator v) {
        String name = v.required(d.field("name"), d.text("name"), 200);
        DonorKind kind = v.requiredEnum(d.field("kind"), d.text("kind"), DonorKind.class, DonorKind::label);
        String contact = v.optional(d.field("contactName"), d.text("contactName"), 120);
        String email = v.optional(d.field("email"), d.text("email"), 200);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            v.reject(d.field("email"), "Adresse e-mail invalide.");
        }
        String phone = v.optional(d.field("phone"), d.text("phone"), 40);
        if (phone != null && !phone.matches("[+0-9 .()-]{6,40}")) {
            v.reject(d.field("phone"), "Numéro de téléphone invalide.");
        }
        return new NewDonor(kind, name, contact, email, phone);
    }

    private List<Line> lines(Input in, Validator v) {
        List<Input> items = in.list("machines");
        List<Line> lines = new ArrayList<>();
        Set<String> serials = new HashSet<>();
        for (Input item : items) {
            if (blank(item.text("type")) && blank(item.text("brand")) && blank(item.text("model")) && blank(item.text("serial"))) {
                continue;
            }
            MachineType type = v.requiredEnum(item.field("type"), item.text("type"), MachineType.class, MachineType::label);
            String brand = v.optional(item.field("brand"), item.text("brand"), 80);
            String model = v.optional(item.field("model"), item.text("model"), 120);
            String serial = v.optional(item.field("serial"), item.text("serial"), 80);
            if (type != null && serial != null) {
                String key = type + "/" + serial.toUpperCase(Locale.ROOT);
                if (!serials.add(key)) {
                    v.reject(item.field("serial"), "Ce numéro de série figure deux fois dans ce don.");
                } else {
                    database.client().execute().createNamedGet("machine-serial-taken")
                            .addParam("type", type.name()).addParam("serial", serial).execute()
                            .ifPresent(r -> v.reject(item.field("serial"),
                                    "Ce numéro de série est déjà enregistré (machine " + Rows.text(r, "tag") + ")."));
                }
            }
            lines.add(new Line(type, brand, model, serial));
        }
        if (lines.isEmpty() && !v.hasError(in.field("machines"))) {
            v.reject(in.field("machines"), "Ajoutez au moins une machine.");
        }
        if (lines.size() > MAX_MACHINES_PER_DONATION) {
            v.reject(in.field("machines"), "Un don ne peut compter plus de " + MAX_MACHINES_PER_DONATION + " machines.");
        }
        return lines;
    }

    private static long insertDonor(DbExecute tx, NewDonor d, User actor) {
        return tx.createNamedGet("donor-insert")
                .addParam("kind", d.kind().name()).addParam("name", d.name()).addParam("contactName", d.contactName())
                .addParam("email", d.email()).addParam("phone", d.phone()).addParam("createdBy", actor.id())
                .execute().map(r -> Rows.longValue(r, "id")).orElseThrow(() -> HttpProblem.conflict("Donateur non créé."));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
