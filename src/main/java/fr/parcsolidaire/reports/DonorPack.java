package fr.parcsolidaire.reports;

import fr.parcsolidaire.db.Database;
import fr.parcsolidaire.db.Rows;
import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.StorageKind;
import fr.parcsolidaire.web.Formats;
import fr.parcsolidaire.web.HttpProblem;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents a centre hands back to a donor: the receipt of what was received, the data-erasure
 * certificate (NIST SP 800-88 appendix G fields per storage device) and what became of the donation.
 * None of them names or describes a beneficiary.
 */
public final class DonorPack {

    private final Database database;
    private final Clock clock;

    public DonorPack(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    private record DonationHead(long id, String donorName, String donorKind, String contact, String siteName,
                                String siteAddress, java.time.LocalDate receivedOn) {
    }

    private DonationHead head(DbExecute db, long id) {
        return db.createNamedGet("report-donation-donor").addParam("id", id).execute()
                .map(r -> new DonationHead(id, Rows.text(r, "donor_name"), Rows.text(r, "donor_kind"),
                        Rows.text(r, "contact_name"), Rows.text(r, "site_name"), Rows.text(r, "site_address"),
                        Rows.date(r, "received_on")))
                .orElseThrow(() -> HttpProblem.notFound("Don introuvable."));
    }

    public byte[] receipt(long id) {
        DbExecute db = database.client().execute();
        DonationHead d = head(db, id);
        List<DbRow> machines = db.createNamedQuery("report-donation-machines").addParam("id", id).execute().toList();
        return PdfKit.document("Reçu de don n° " + id, (doc, writer) -> {
            doc.add(PdfKit.title("Reçu de don de matériel n° " + id));
            doc.add(PdfKit.text(d.siteName() + (d.siteAddress() == null ? "" : " — " + d.siteAddress())));
            doc.add(PdfKit.text("Donateur : " + d.donorName() + " (" + kindLabel(d.donorKind()) + ")"
                    + (d.contact() == null ? "" : " · contact : " + d.contact())));
            doc.add(PdfKit.text("Matériel reçu le " + Formats.date(d.receivedOn()) + " : " + machines.size() + " élément(s)."));
            doc.add(PdfKit.table(List.of("N° d'inventaire", "Type", "Marque", "Modèle", "N° de série"),
                    machines.stream().map(r -> List.of(Rows.text(r, "tag"), MachineType.valueOf(Rows.text(r, "type")).label(),
                            orEmpty(Rows.text(r, "brand")), orEmpty(Rows.text(r, "model")), orEmpty(Rows.text(r, "serial")))).toList(),
                    1.6f, 1.4f, 1.2f, 1.6f, 1.8f));
            doc.add(PdfKit.small("Nous vous remercions de ce don. Ce reçu atteste la remise du matériel ; il ne vaut pas reçu fiscal. "
                    + "Les données des supports de stockage seront effacées avant toute réutilisation ; un certificat d'effacement "
                    + "vous sera remis. Établi le " + Formats.dateTime(OffsetDateTime.now(clock)) + "."));
        });
    }

    public byte[] erasureCertificate(long id) {
        DbExecute db = database.client().execute();
        DonationHead d = head(db, id);
        List<DbRow> devices = db.createNamedQuery("report-donation-erasures").addParam("id", id).execute().toList();
        return PdfKit.document("Certificat d'effacement — don n° " + id, true, (doc, writer) -> {
            doc.add(PdfKit.title("Certificat d'effacement des données"));
            doc.add(PdfKit.text("Don n° " + id + " de " + d.donorName() + ", reçu le " + Formats.date(d.receivedOn())
                    + " par " + d.siteName() + "."));
            doc.add(PdfKit.text("Effacement selon NIST SP 800-88 (niveaux Clear, Purge, Destroy). Pour chaque support : "
                    + "identification, méthode et niveau, outil, passes, vérification, résultat, date, technicien et "
                    + "destination du support après effacement."));
            List<List<String>> rows = devices.stream().map(r -> {
                boolean erased = Rows.text(r, "method") != null;
                return List.of(Rows.text(r, "tag"),
                        StorageKind.valueOf(Rows.text(r, "kind")).label()
                                + (Rows.decimal(r, "capacity_gb") == null ? "" : " " + Formats.number(Rows.decimal(r, "capacity_gb")) + " Go"),
                        orEmpty(Rows.text(r, "model")), orEmpty(Rows.text(r, "serial")),
                        erased ? methodLabel(Rows.text(r, "method")) : "Non effacé à ce jour",
                        erased ? Rows.text(r, "tool") : "",
                        erased ? Rows.intOrNull(r, "passes").toString() : "",
                        erased ? (Boolean.TRUE.equals(Rows.bool(r, "verified")) ? "Vérifié" : "Non vérifié") : "",
                        erased ? ("PASS".equals(Rows.text(r, "result")) ? "Réussi" : "Échec") : "",
                        erased ? Formats.date(Rows.date(r, "performed_on")) : "",
                        erased ? orEmpty(Rows.text(r, "technician")) : "",
                        destination(Rows.text(r, "machine_state")));
            }).toList();
            doc.add(PdfKit.table(List.of("Machine", "Type de support", "Modèle", "N° de série", "Méthode (niveau)", "Outil",
                    "Passes", "Vérification", "Résultat", "Date", "Technicien", "Destination"), rows,
                    1.6f, 1.1f, 1.3f, 2.0f, 1.2f, 0.9f, 0.8f, 1.2f, 1f, 1.2f, 1.3f, 1.4f));
            if (devices.isEmpty()) {
                doc.add(PdfKit.text("Aucun support de stockage n'a été recensé sur le matériel de ce don."));
            }
            doc.add(PdfKit.small("Certificat établi le " + Formats.dateTime(OffsetDateTime.now(clock))
                    + " à partir du registre d'effacement de l'atelier (enregistrements non modifiables)."));
        });
    }

    public byte[] outcomes(long id) {
        DbExecute db = database.client().execute();
        DonationHead d = head(db, id);
        DbRow o = db.createNamedGet("report-donation-outcomes").addParam("id", id).execute().orElseThrow();
        return PdfKit.document("Ce qu'est devenu votre don n° " + id, (doc, writer) -> {
            doc.add(PdfKit.title("Ce qu'est devenu votre don"));
            doc.add(PdfKit.text("Don n° " + id + " de " + d.donorName() + ", reçu le " + Formats.date(d.receivedOn())
                    + " par " + d.siteName() + " : " + Rows.longValue(o, "total") + " élément(s)."));
            doc.add(PdfKit.table(List.of("Devenir", "Machines"), outcomeRows(o), 4, 1));
            doc.add(PdfKit.small("Ces chiffres décrivent le matériel, jamais les personnes qui l'ont reçu ; un nombre de "
                    + "participants de 1 à 4 est indiqué « < 5 », « masqué » cache une autre ligne pour qu'il ne se déduise pas du total. "
                    + "État au " + Formats.dateTime(OffsetDateTime.now(clock)) + "."));
        });
    }

    /**
     * Given and lent count participants: SmallCount protects them against the donation's total like any count
     * of people ("< 5", then "masqué" on the smallest other line). The reconditioned line overlaps the others
     * (a given machine was reconditioned), so it is masked as soon as anything is hidden.
     */
    private static List<List<String>> outcomeRows(DbRow o) {
        List<SmallCount.Raw> lines = new ArrayList<>(List.of(
                SmallCount.Raw.people("given", "Données à des participants", Rows.longValue(o, "given")),
                SmallCount.Raw.people("lent", "Prêtées en ce moment", Rows.longValue(o, "lent")),
                SmallCount.Raw.other("ready", "Prêtes, en attente d'attribution", Rows.longValue(o, "ready")),
                SmallCount.Raw.other("workshop", "En cours de reconditionnement", Rows.longValue(o, "in_workshop")),
                SmallCount.Raw.other("scrapped", "Recyclées (filière DEEE)", Rows.longValue(o, "scrapped")),
                SmallCount.Raw.other("parts", "Démontées pour pièces détachées", Rows.longValue(o, "parts"))));
        if (Rows.longValue(o, "other") > 0) {
            lines.add(SmallCount.Raw.other("other", "Autre situation", Rows.longValue(o, "other")));
        }
        SmallCount.Breakdown b = SmallCount.breakdown(Rows.longValue(o, "total"), lines);
        boolean anyHidden = b.withheld() || b.cells().stream().anyMatch(SmallCount.Cell::suppressed);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Reconditionnées (passées par le contrôle qualité)",
                anyHidden ? SmallCount.MASKED : Long.toString(Rows.longValue(o, "reconditioned"))));
        if (b.withheld()) {
            rows.add(List.of("Devenir détaillé", "non publié (trop peu de participants)"));
        } else {
            b.cells().forEach(c -> rows.add(List.of(c.label(), c.shown())));
        }
        return rows;
    }

    private static String destination(String state) {
        return switch (MachineState.valueOf(state)) {
            case SCRAPPED -> "Recyclage DEEE";
            case PARTS -> "Pièces détachées";
            case ASSIGNED -> "Réemploi (attribuée)";
            case READY -> "Réemploi (prête)";
            default -> "Réemploi prévu (en atelier)";
        };
    }

    private static String methodLabel(String method) {
        return switch (method) {
            case "CLEAR" -> "Effacement (Clear)";
            case "PURGE" -> "Purge";
            case "DESTROY" -> "Destruction (Destroy)";
            default -> method;
        };
    }

    private static String kindLabel(String kind) {
        try {
            return DonorKind.valueOf(kind).label();
        } catch (RuntimeException e) {
            return kind;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
