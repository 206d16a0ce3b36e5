package fr.parcsolidaire.gdpr;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.pdf.PdfKit;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Right of access (RGPD art. 15): everything the service holds on one beneficiary — identity, courses, assignments
 * and their history, documents (listed, not their content), and who read or changed the record — as JSON and PDF.
 * Each export is itself logged.
 */
final class PersonalDataReport {

    /** One section of the report: a title, column headers and rows, in the order shown. */
    public record Section(String title, List<String> headers, List<List<String>> rows) {
    }

    private final Database database;
    private final PersonLabels labels;
    private final List<HeldPersonalData> elsewhere;

    PersonalDataReport(Database database, PersonLabels labels, List<HeldPersonalData> elsewhere) {
        this.database = database;
        this.labels = labels;
        this.elsewhere = List.copyOf(elsewhere);
    }

    public List<Section> collect(long beneficiaryId, User who) {
        return database.inTransaction(tx -> {
            DbRow b = tx.createNamedGet("gdpr-beneficiary").addParam("id", beneficiaryId).addParam("siteId", who.siteScope()).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Bénéficiaire introuvable."));
            List<Section> sections = new ArrayList<>();
            sections.add(new Section("Identité et situation", List.of("Donnée", "Valeur"), List.of(
                    List.of("Nom", Rows.text(b, "last_name")),
                    List.of("Prénom", Rows.text(b, "first_name")),
                    List.of("Téléphone", orDash(Rows.text(b, "phone"))),
                    List.of("Courriel", orDash(Rows.text(b, "email"))),
                    List.of("Commune", Rows.text(b, "commune") + " (" + Rows.text(b, "postcode") + ")"),
                    List.of("Tranche d'âge", labels.ageBracket(Rows.text(b, "age_bracket"))),
                    List.of("Situation", labels.situation(Rows.text(b, "situation"))),
                    List.of("Structure orientatrice", orDash(Rows.text(b, "referring_structure"))),
                    List.of("Travailleur social référent", orDash(Rows.text(b, "social_worker"))),
                    List.of("Site", Rows.text(b, "site_name")),
                    List.of("Information RGPD remise le", Formats.date(Rows.date(b, "gdpr_notice_on"))),
                    List.of("Enregistré le", Formats.dateTime(Rows.timestamp(b, "created_at"))),
                    List.of("Anonymisé le", orDash(Rows.timestamp(b, "anonymised_at") == null ? null : Formats.dateTime(Rows.timestamp(b, "anonymised_at")))))));
            sections.add(section(tx, "gdpr-enrolments", beneficiaryId, "Parcours suivis",
                    List.of("Parcours", "Session", "Début", "Fin", "Statut"),
                    r -> List.of(Rows.text(r, "course"), Rows.text(r, "session"), Formats.date(Rows.date(r, "starts_on")),
                            Formats.date(Rows.date(r, "ends_on")), labels.enrolmentStatus(Rows.text(r, "status")))));
            sections.add(section(tx, "gdpr-assignments", beneficiaryId, "Matériel attribué",
                    List.of("N°", "Machine", "Nature et statut", "Période", "Accessoires"),
                    r -> List.of(String.valueOf(Rows.longValue(r, "id")),
                            Rows.text(r, "tag") + " · " + labels.machineType(Rows.text(r, "type")) + " · " + orDash(Rows.text(r, "brand"))
                                    + " " + orDash(Rows.text(r, "model")),
                            labels.assignmentKind(Rows.text(r, "kind")) + " · " + labels.assignmentStatus(Rows.text(r, "status")),
                            "du " + Formats.date(Rows.date(r, "starts_on"))
                                    + (Rows.date(r, "due_on") == null ? "" : ", échéance " + Formats.date(Rows.date(r, "due_on")))
                                    + (Rows.date(r, "ended_on") == null ? "" : ", fin " + Formats.date(Rows.date(r, "ended_on"))),
                            accessories(Rows.text(r, "accessories")))));
            sections.add(section(tx, "gdpr-assignment-events", beneficiaryId, "Historique des attributions",
                    List.of("Attribution", "Événement", "Date", "Par", "Note"),
                    r -> List.of(String.valueOf(Rows.longValue(r, "assignment_id")), labels.assignmentEvent(Rows.text(r, "kind")),
                            Formats.dateTime(Rows.timestamp(r, "at")), Rows.text(r, "actor"), orDash(Rows.text(r, "note")))));
            sections.add(section(tx, "gdpr-contracts", beneficiaryId, "Documents archivés",
                    List.of("N°", "Attribution", "Nature", "Créé le", "Empreinte SHA-256", "Contenu effacé le"),
                    r -> List.of(String.valueOf(Rows.longValue(r, "id")), String.valueOf(Rows.longValue(r, "assignment_id")),
                            labels.contractKind(Rows.text(r, "kind")), Formats.dateTime(Rows.timestamp(r, "created_at")), Rows.text(r, "sha256"),
                            orDash(Rows.timestamp(r, "purged_at") == null ? null : Formats.dateTime(Rows.timestamp(r, "purged_at"))))));
            sections.add(section(tx, "gdpr-waiting-list", beneficiaryId, "Demandes d'équipement",
                    List.of("Demandée le", "Usages et besoins", "Priorité", "Foyer", "Statut"),
                    r -> List.of(Formats.date(Rows.date(r, "asked_on")),
                            words("use", Rows.text(r, "uses")) + (Rows.text(r, "needs").isEmpty() ? "" : " · " + words("need", Rows.text(r, "needs"))),
                            labels.journey("priority", Rows.text(r, "priority")) + (Rows.text(r, "priority_reason") == null ? ""
                                    : " : " + Rows.text(r, "priority_reason")),
                            labels.journey("children", Rows.text(r, "children")) + " · internet : "
                                    + labels.journey("internet", Rows.text(r, "internet")),
                            labels.journey("waiting-status", Rows.text(r, "status")))));
            sections.add(section(tx, "gdpr-reservations", beneficiaryId, "Réservations de matériel",
                    List.of("Machine", "Jusqu'au", "Statut", "Note"),
                    r -> List.of(Rows.text(r, "tag"), Formats.date(Rows.date(r, "until")), labels.journey("reservation-status", Rows.text(r, "status")),
                            orDash(Rows.text(r, "note")))));
            sections.add(section(tx, "gdpr-kit-items", beneficiaryId, "Autres éléments remis (lots)",
                    List.of("Attribution", "Élément", "Quantité", "Restitué le"),
                    r -> List.of(String.valueOf(Rows.longValue(r, "assignment_id")),
                            Rows.text(r, "tag") != null ? Rows.text(r, "tag") : Rows.text(r, "name"),
                            String.valueOf(Rows.intOrNull(r, "quantity")),
                            Rows.date(r, "returned_on") == null ? "—" : Formats.date(Rows.date(r, "returned_on")))));
            sections.add(section(tx, "gdpr-access-log-of", beneficiaryId, "Consultations et modifications du dossier",
                    List.of("Date", "Action", "Par", "Détail"),
                    r -> List.of(Formats.dateTime(Rows.timestamp(r, "at")), AuditEntry.actionLabel(Rows.text(r, "action")),
                            orDash(Rows.text(r, "actor")), orDash(Rows.text(r, "detail")))));
            for (HeldPersonalData holder : elsewhere) {
                holder.report(tx, beneficiaryId).forEach(h -> sections.add(new Section(h.title(), h.headers(), h.rows())));
            }
            AccessLog.record(tx, who, beneficiaryId, AccessLog.Action.EXPORT, "droit d'accès");
            return sections;
        });
    }

    /** The report as JSON: one key per section, each a list of objects keyed by the column headers. */
    public static Map<String, Object> asJson(List<Section> sections) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Section s : sections) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> row : s.rows()) {
                Map<String, String> item = new LinkedHashMap<>();
                for (int i = 0; i < s.headers().size(); i++) {
                    item.put(s.headers().get(i), row.get(i));
                }
                rows.add(item);
            }
            json.put(s.title(), rows);
        }
        return json;
    }

    public static byte[] asPdf(List<Section> sections) {
        return PdfKit.document("Données personnelles détenues", (doc, writer) -> {
            doc.add(PdfKit.title("Données personnelles détenues par Parc Solidaire"));
            doc.add(PdfKit.small("Réponse au droit d'accès (RGPD, article 15). Les documents archivés sont listés "
                    + "avec leur empreinte ; une copie peut en être remise sur demande."));
            for (Section s : sections) {
                doc.add(PdfKit.heading(s.title()));
                if (s.rows().isEmpty()) {
                    doc.add(PdfKit.text("Aucune donnée."));
                } else {
                    doc.add(PdfKit.table(s.headers(), s.rows()));
                }
            }
        });
    }

    private static Section section(DbExecute exec, String statement, long id, String title, List<String> headers,
                                   Function<DbRow, List<String>> row) {
        return new Section(title, headers, exec.createNamedQuery(statement).addParam("id", id).execute().map(row).toList());
    }

    /** "JOB_SEARCH,TRAINING" in French words, separated by commas. */
    private String words(String kind, String codes) {
        return codes.isEmpty() ? "—"
                : String.join(", ", java.util.Arrays.stream(codes.split(",")).map(c -> labels.journey(kind, c)).toList());
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    /** The accessories handed over, stored as a JSON array of names: "Chargeur, Sacoche". */
    private static String accessories(String json) {
        if (json == null || json.isBlank()) {
            return "—";
        }
        try (var reader = Jsonp.reader(new StringReader(json))) {
            List<String> names = reader.readArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList();
            return names.isEmpty() ? "—" : String.join(", ", names);
        }
    }
}
