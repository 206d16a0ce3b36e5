package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.StorageKind;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.pdf.PdfKit;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documents a centre hands back to a donor: the receipt of what was received, the data-erasure
 * certificate (NIST SP 800-88 appendix G fields per storage device) and what became of the donation.
 * None of them names or describes a beneficiary.
 */
final class DonorPack {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** "28 novembre 2026", as a letter writes it. */
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);

    /** Who writes the cover letter (app.structure): name, address, city; details under the name. */
    record Structure(String name, String address, String city, String details) {
        static Structure from(Settings section) {
            return new Structure(section.optionalText("name").orElse(null), section.optionalText("address").orElse(null),
                    section.optionalText("city").orElse(null), section.optionalText("details").orElse(null));
        }
    }

    private final Database database;
    private final Clock clock;
    private final Structure structure;

    public DonorPack(Database database, Clock clock, Structure structure) {
        this.database = database;
        this.clock = clock;
        this.structure = structure;
    }

    private record DonationHead(long id, String donorName, String donorKind, String contact, String siteName,
                                String siteAddress, LocalDate receivedOn) {
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
        return PdfKit.document("Reçu de don n° " + id, (doc, writer) -> receipt(doc, d, machines));
    }

    private void receipt(Document doc, DonationHead d, List<DbRow> machines) {
        long id = d.id();
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
    }

    /**
     * Every machine of the donation, with what was done to the data it could hold: each storage device erased
     * (method, tool, verification, date, technician) or destroyed, the machine stated to hold no storage device
     * (the statement's note, who, when), not yet processed, or without any data medium (a screen, an accessory).
     */
    public byte[] erasureCertificate(long id) {
        DbExecute db = database.client().execute();
        DonationHead d = head(db, id);
        List<CertificateLine> lines = db.createNamedQuery("report-donation-erasures").addParam("id", id).execute()
                .map(CertificateLine::of).toList();
        return PdfKit.document("Certificat d'effacement — don n° " + id, true, (doc, writer) -> erasureCertificate(doc, d, lines));
    }

    private void erasureCertificate(Document doc, DonationHead d, List<CertificateLine> lines) {
        long id = d.id();
        doc.add(PdfKit.title("Certificat d'effacement des données"));
        doc.add(PdfKit.text("Don n° " + id + " de " + d.donorName() + ", reçu le " + Formats.date(d.receivedOn())
                + " par " + d.siteName() + "."));
        doc.add(PdfKit.text(CertificateLine.summary(lines)));
        doc.add(PdfKit.text("Effacement selon NIST SP 800-88 (niveaux Clear, Purge, Destroy ; Destroy est la destruction "
                + "physique du support). Pour chaque support : identification, statut, méthode et niveau, outil, passes, "
                + "résultat et vérification, date, technicien et destination du matériel. Une machine sans support de "
                + "stockage figure avec la déclaration du technicien qui l'a constaté, inscrite au registre."));
        doc.add(PdfKit.table(List.of("Machine", "Support", "N° de série", "Statut", "Méthode (niveau)", "Outil",
                "Passes", "Résultat", "Date", "Technicien", "Destination"),
                lines.stream().map(CertificateLine::cells).toList(),
                1.7f, 1.6f, 1.7f, 1.9f, 1.3f, 1.1f, 0.85f, 1.2f, 1.1f, 1.3f, 1.4f));
        List<CertificateLine> cited = lines.stream().filter(l -> l.evidenceName() != null).toList();
        if (!cited.isEmpty()) {
            doc.add(PdfKit.text("Preuves d'effacement : ces effacements ont été importés de la sortie de l'outil lui-même "
                    + "(journal ou certificat nwipe), archivée telle quelle ; son empreinte SHA-256 permet de vérifier "
                    + "le fichier d'origine."));
            for (CertificateLine l : cited) {
                doc.add(PdfKit.small(l.tag() + " · " + orEmpty(l.serial()) + " : « " + l.evidenceName() + " »"));
                doc.add(PdfKit.small("SHA-256 " + l.evidenceSha256()));
            }
        }
        doc.add(PdfKit.small("Certificat établi le " + Formats.dateTime(OffsetDateTime.now(clock))
                + " à partir du registre d'effacement de l'atelier (enregistrements non modifiables)."));
    }

    /** One row of the erasure certificate: a storage device, or a machine that has none on record. */
    private record CertificateLine(String tag, MachineType type, MachineState state, boolean device, String kind,
                                   BigDecimal capacityGb, String model, String serial, String method,
                                   String tool, Integer passes, boolean verified, String result,
                                   LocalDate performedOn, String technician, String statementNote,
                                   OffsetDateTime statementAt, String statementBy, String evidenceName,
                                   String evidenceSha256) {

        private enum Status {
            ERASED("Effacé"), DESTROYED("Détruit"), REDO("Effacement à reprendre (échec ou non vérifié)"),
            DEVICE_PENDING("Non traité à ce jour"), NO_STORAGE("Aucun support déclaré"),
            MACHINE_PENDING("Non traitée à ce jour : supports non déclarés"), NOT_APPLICABLE("Sans objet");

            private final String label;

            Status(String label) {
                this.label = label;
            }
        }

        static CertificateLine of(DbRow r) {
            return new CertificateLine(Rows.text(r, "tag"), MachineType.valueOf(Rows.text(r, "machine_type")),
                    MachineState.valueOf(Rows.text(r, "machine_state")), Rows.longOrNull(r, "device_id") != null,
                    Rows.text(r, "kind"), Rows.decimal(r, "capacity_gb"), Rows.text(r, "model"), Rows.text(r, "serial"),
                    Rows.text(r, "method"), Rows.text(r, "tool"), Rows.intOrNull(r, "passes"),
                    Boolean.TRUE.equals(Rows.bool(r, "verified")), Rows.text(r, "result"), Rows.date(r, "performed_on"),
                    Rows.text(r, "technician"), Rows.text(r, "no_storage_note"), Rows.timestamp(r, "no_storage_at"),
                    Rows.text(r, "no_storage_by"), Rows.text(r, "evidence_name"), Rows.text(r, "evidence_sha256"));
        }

        Status status() {
            if (device) {
                if (method == null) {
                    return Status.DEVICE_PENDING;
                }
                if (!verified || !"PASS".equals(result)) {
                    return Status.REDO;
                }
                return "DESTROY".equals(method) ? Status.DESTROYED : Status.ERASED;
            }
            if (statementAt != null) {
                return Status.NO_STORAGE;
            }
            return type.holdsData() ? Status.MACHINE_PENDING : Status.NOT_APPLICABLE;
        }

        List<String> cells() {
            Status status = status();
            String machine = tag + " · " + type.label();
            String destination = destination(state.name());
            if (!device) {
                return switch (status) {
                    case NO_STORAGE -> List.of(machine, "« " + statementNote + " »", "", status.label, "", "", "", "",
                            Formats.date(statementAt.atZoneSameInstant(PARIS).toLocalDate()), orEmpty(statementBy), destination);
                    case NOT_APPLICABLE -> List.of(machine, type == MachineType.PRINTER ? "Aucun disque déclaré"
                            : "Pas de support de données", "", status.label, "", "", "", "", "", "", destination);
                    default -> List.of(machine, "Aucun support recensé", "", status.label, "", "", "", "", "", "", destination);
                };
            }
            String support = StorageKind.valueOf(kind).label()
                    + (capacityGb == null ? "" : " " + Formats.number(capacityGb) + " Go") + (model == null ? "" : " · " + model);
            if (status == Status.DEVICE_PENDING) {
                return List.of(machine, support, orEmpty(serial), status.label, "", "", "", "", "", "", destination);
            }
            return List.of(machine, support, orEmpty(serial), status.label, methodLabel(method), tool,
                    passes == null ? "" : passes.toString(),
                    ("PASS".equals(result) ? "Réussi" : "Échec") + (verified ? ", vérifié" : ", non vérifié"),
                    Formats.date(performedOn), orEmpty(technician), destination);
        }

        /** Machines, not rows: a machine counts as processed once every device of it is erased or destroyed. */
        static String summary(List<CertificateLine> lines) {
            Map<String, List<CertificateLine>> byMachine = new LinkedHashMap<>();
            lines.forEach(l -> byMachine.computeIfAbsent(l.tag(), t -> new ArrayList<>()).add(l));
            int erased = 0;
            int destroyed = 0;
            int declared = 0;
            int pending = 0;
            int none = 0;
            for (List<CertificateLine> machine : byMachine.values()) {
                List<Status> statuses = machine.stream().map(CertificateLine::status).toList();
                if (statuses.stream().allMatch(st -> st == Status.DESTROYED)) {
                    destroyed++;
                } else if (statuses.stream().allMatch(st -> st == Status.ERASED || st == Status.DESTROYED)) {
                    erased++;
                } else if (statuses.equals(List.of(Status.NO_STORAGE))) {
                    declared++;
                } else if (statuses.equals(List.of(Status.NOT_APPLICABLE))) {
                    none++;
                } else {
                    pending++;
                }
            }
            int total = byMachine.size();
            return "Ce don compte " + total + (total == 1 ? " machine" : " machines") + " : "
                    + erased + " effacée(s), " + destroyed + " aux supports détruits, " + declared
                    + " déclarée(s) sans support de stockage, " + pending + " non traitée(s) à ce jour, " + none
                    + " sans support de données (écrans, accessoires, imprimantes sans disque).";
        }
    }

    public byte[] outcomes(long id) {
        DbExecute db = database.client().execute();
        DonationHead d = head(db, id);
        DbRow o = db.createNamedGet("report-donation-outcomes").addParam("id", id).execute().orElseThrow();
        return PdfKit.document("Ce qu'est devenu votre don n° " + id, (doc, writer) -> outcomes(doc, d, o));
    }

    private void outcomes(Document doc, DonationHead d, DbRow o) {
        long id = d.id();
        doc.add(PdfKit.title("Ce qu'est devenu votre don"));
        doc.add(PdfKit.text("Don n° " + id + " de " + d.donorName() + ", reçu le " + Formats.date(d.receivedOn())
                + " par " + d.siteName() + " : " + Rows.longValue(o, "total") + " élément(s)."));
        doc.add(PdfKit.table(List.of("Devenir", "Machines"), outcomeRows(o), 4, 1));
        doc.add(PdfKit.small("Ces chiffres décrivent le matériel, jamais les personnes qui l'ont reçu ; un nombre de "
                + "participants de 1 à 4 est indiqué « < 5 », « masqué » cache une autre ligne pour qu'il ne se déduise pas du total. "
                + "État au " + Formats.dateTime(OffsetDateTime.now(clock)) + "."));
    }

    /**
     * The donor pack as one PDF (docs/reports.md): a cover letter from the structure (its name, address and a
     * signature block), then the receipt, the erasure certificate (landscape, for its columns) and what became of
     * the machines, each from a new page; the same pieces as the separate documents.
     */
    public byte[] pack(long id) {
        DbExecute db = database.client().execute();
        DonationHead d = head(db, id);
        List<DbRow> machines = db.createNamedQuery("report-donation-machines").addParam("id", id).execute().toList();
        List<CertificateLine> lines = db.createNamedQuery("report-donation-erasures").addParam("id", id).execute()
                .map(CertificateLine::of).toList();
        DbRow o = db.createNamedGet("report-donation-outcomes").addParam("id", id).execute().orElseThrow();
        return PdfKit.document("Dossier du donateur — don n° " + id, (doc, writer) -> {
            coverLetter(doc, d, machines.size());
            doc.newPage();
            receipt(doc, d, machines);
            doc.setPageSize(PageSize.A4.rotate());
            doc.newPage();
            erasureCertificate(doc, d, lines);
            doc.setPageSize(PageSize.A4);
            doc.newPage();
            outcomes(doc, d, o);
        });
    }

    private void coverLetter(Document doc, DonationHead d, int machines) {
        String name = structure.name() != null ? structure.name() : d.siteName();
        doc.add(PdfKit.heading(name));
        if (structure.address() != null) {
            doc.add(PdfKit.text(structure.address()));
        }
        if (structure.details() != null) {
            doc.add(PdfKit.small(structure.details()));
        }
        Paragraph to = PdfKit.text(d.donorName() + (d.contact() == null ? "" : "\nÀ l'attention de " + d.contact()));
        to.setAlignment(Element.ALIGN_RIGHT);
        to.setSpacingBefore(18);
        doc.add(to);
        Paragraph date = PdfKit.text((structure.city() == null ? "" : structure.city() + ", le ")
                + LONG_DATE.format(LocalDate.now(clock.withZone(PARIS))));
        date.setAlignment(Element.ALIGN_RIGHT);
        date.setSpacingAfter(18);
        doc.add(date);
        doc.add(PdfKit.text("Objet : votre don de matériel n° " + d.id() + " du " + LONG_DATE.format(d.receivedOn())));
        doc.add(PdfKit.text("Madame, Monsieur,"));
        doc.add(PdfKit.text("Nous vous remercions pour votre don de " + machines + " élément(s) reçu(s) le "
                + LONG_DATE.format(d.receivedOn()) + " par " + d.siteName() + ". Vous trouverez dans ce dossier le reçu "
                + "de votre don, le certificat d'effacement des données de chaque support de stockage, et ce que sont devenues "
                + "les machines : remises en état puis prêtées ou remises en don à des personnes accompagnées vers le "
                + "numérique, ou recyclées dans la filière DEEE."));
        doc.add(PdfKit.text("Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées."));
        Paragraph signature = PdfKit.text("Pour " + name + "\n\n\nSignature et cachet");
        signature.setAlignment(Element.ALIGN_RIGHT);
        signature.setSpacingBefore(24);
        doc.add(signature);
    }

    /**
     * Given and lent count participants: SmallCount protects them against the donation's total like any count
     * of people ("< 5", then "masqué" on the smallest other line). The reconditioned line overlaps the others
     * (a given machine was reconditioned), so it is masked as soon as anything is hidden.
     */
    private static List<List<String>> outcomeRows(DbRow o) {
        List<SmallCount.Raw> lines = new ArrayList<>(List.of(
                SmallCount.Raw.people("given", "Remises en don à des participants", Rows.longValue(o, "given")),
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
