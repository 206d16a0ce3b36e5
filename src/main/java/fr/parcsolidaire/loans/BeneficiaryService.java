package fr.parcsolidaire.loans;

import fr.parcsolidaire.gdpr.AccessLog;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArrayBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registers and edits beneficiaries. The row holds the current values; the journal (beneficiary_events)
 * records who created or changed which fields, never the values, so anonymisation can really erase.
 */
final class BeneficiaryService {

    private static final Pattern POSTCODE = Pattern.compile("^[0-9][0-9AB][0-9]{3}$");
    private static final Pattern PHONE = Pattern.compile("^[+0-9 .()-]{6,40}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Database database;
    private final Clock clock;

    public BeneficiaryService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    private record Fields(String lastName, String firstName, String phone, String email, String commune, String postcode,
                          AgeBracket ageBracket, Situation situation, String referringStructure, Long socialWorkerId,
                          LocalDate gdprNoticeOn) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lastName", lastName);
            m.put("firstName", firstName);
            m.put("phone", phone);
            m.put("email", email);
            m.put("commune", commune);
            m.put("postcode", postcode);
            m.put("ageBracket", ageBracket.name());
            m.put("situation", situation.name());
            m.put("referringStructure", referringStructure);
            m.put("socialWorkerId", socialWorkerId);
            m.put("gdprNoticeOn", gdprNoticeOn);
            return m;
        }
    }

    public long create(Input in, User actor) {
        Fields f = validate(in, actor);
        return database.inTransaction(tx -> {
            long siteId = siteId(tx, in.text("site"), actor, in.field("site"));
            long id = tx.createNamedGet("beneficiary-insert")
                    .addParam("siteId", siteId).addParam("lastName", f.lastName()).addParam("firstName", f.firstName())
                    .addParam("phone", f.phone()).addParam("email", f.email()).addParam("commune", f.commune())
                    .addParam("postcode", f.postcode()).addParam("ageBracket", f.ageBracket().name())
                    .addParam("situation", f.situation().name()).addParam("referringStructure", f.referringStructure())
                    .addParam("socialWorkerId", f.socialWorkerId()).addParam("gdprNoticeOn", f.gdprNoticeOn())
                    .addParam("createdBy", actor.id())
                    .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
            journal(tx, id, "CREATED", actor, f.asMap().keySet().stream().filter(k -> f.asMap().get(k) != null).toList());
            AccessLog.record(tx, actor, id, AccessLog.Action.CREATE, null);
            return id;
        });
    }

    public void update(long id, Input in, User actor) {
        Fields f = validate(in, actor);
        database.inTransaction(tx -> {
            Beneficiary before = tx.createNamedGet("beneficiary-by-id").addParam("id", id).addParam("siteId", actor.siteScope())
                    .execute()
                    .map(BeneficiaryService::beneficiary).orElseThrow(BeneficiaryService::notFound);
            Fields old = new Fields(before.lastName(), before.firstName(), before.phone(), before.email(), before.commune(),
                    before.postcode(), before.ageBracket(), before.situation(), before.referringStructure(),
                    before.socialWorkerId(), before.gdprNoticeOn());
            List<String> changed = f.asMap().keySet().stream()
                    .filter(k -> !Objects.equals(String.valueOf(f.asMap().get(k)), String.valueOf(old.asMap().get(k)))).toList();
            if (changed.isEmpty()) {
                return null;
            }
            tx.createNamedUpdate("beneficiary-update").addParam("id", id)
                    .addParam("lastName", f.lastName()).addParam("firstName", f.firstName())
                    .addParam("phone", f.phone()).addParam("email", f.email()).addParam("commune", f.commune())
                    .addParam("postcode", f.postcode()).addParam("ageBracket", f.ageBracket().name())
                    .addParam("situation", f.situation().name()).addParam("referringStructure", f.referringStructure())
                    .addParam("socialWorkerId", f.socialWorkerId()).addParam("gdprNoticeOn", f.gdprNoticeOn())
                    .execute();
            journal(tx, id, "UPDATED", actor, changed);
            AccessLog.record(tx, actor, id, AccessLog.Action.UPDATE, String.join(", ", changed));
            return null;
        });
    }

    /** A person's record if the reader's site holds it; another site's is "not found", like an unknown one. */
    public Optional<Beneficiary> find(long id, User reader) {
        return database.client().execute().createNamedGet("beneficiary-by-id").addParam("id", id)
                .addParam("siteId", reader.siteScope()).execute()
                .map(BeneficiaryService::beneficiary);
    }

    public Beneficiary get(long id, User reader) {
        return find(id, reader).orElseThrow(BeneficiaryService::notFound);
    }

    /** A person's record as shown to someone: the read is logged (who, when) for the GDPR audit. */
    public Beneficiary read(long id, User reader, String what) {
        Beneficiary b = get(id, reader);
        logRead(id, reader, what);
        return b;
    }

    /** Logs that someone was shown this person's identity elsewhere (an assignment page, for instance). */
    public void logRead(long id, User reader, String what) {
        AccessLog.record(database.client().execute(), reader, id, AccessLog.Action.READ, what);
    }

    /** A list or search shown to someone: logged with the number of people listed, never the query (it may be a name). */
    public List<Beneficiary> search(String q, User reader) {
        List<Beneficiary> found = search(q, reader.siteScope());
        AccessLog.record(database.client().execute(), reader, null, AccessLog.Action.LIST, found.size() + " personne(s) listée(s)");
        return found;
    }

    private List<Beneficiary> search(String q, Long siteId) {
        String query = q == null || q.isBlank() ? null : q.strip();
        return database.client().execute().createNamedQuery("beneficiaries-search")
                .addParam("siteId", siteId)
                .addParam("q", query)
                .addParam("pattern", query == null ? null : "%" + query.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .execute().map(BeneficiaryService::beneficiary).toList();
    }

    /** Counts only: what a coordinator may see. */
    public Map<String, Long> counts(User reader) {
        DbRow r = database.client().execute().createNamedGet("beneficiary-counts").addParam("siteId", reader.siteScope())
                .execute().orElseThrow();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("total", Rows.longValue(r, "total"));
        m.put("withLoan", Rows.longValue(r, "with_loan"));
        m.put("withGift", Rows.longValue(r, "with_gift"));
        return m;
    }

    public Map<String, String> socialWorkers() {
        Map<String, String> m = new LinkedHashMap<>();
        database.client().execute().createNamedQuery("social-workers").execute()
                .forEach(r -> m.put(Rows.text(r, "id"), Rows.text(r, "display_name")));
        return m;
    }

    private Fields validate(Input in, User actor) {
        Validator v = new Validator();
        String last = v.required(in.field("lastName"), in.text("lastName"), 80);
        String first = v.required(in.field("firstName"), in.text("firstName"), 80);
        String phone = v.optional(in.field("phone"), in.text("phone"), 40);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            v.reject(in.field("phone"), "Numéro de téléphone invalide (chiffres, espaces, + . - acceptés).");
        }
        String email = v.optional(in.field("email"), in.text("email"), 200);
        if (email != null && !EMAIL.matcher(email).matches()) {
            v.reject(in.field("email"), "Adresse e-mail invalide.");
        }
        String commune = v.required(in.field("commune"), in.text("commune"), 100);
        String postcode = v.required(in.field("postcode"), in.text("postcode"), 5);
        if (postcode != null && !POSTCODE.matcher(postcode.toUpperCase(Locale.ROOT)).matches()) {
            v.reject(in.field("postcode"), "Code postal invalide (5 caractères, par exemple 93200).");
        }
        AgeBracket age = v.requiredEnum(in.field("ageBracket"), in.text("ageBracket"), AgeBracket.class, AgeBracket::label);
        Situation situation = v.requiredEnum(in.field("situation"), in.text("situation"), Situation.class, Situation::label);
        String referring = v.optional(in.field("referringStructure"), in.text("referringStructure"), 200);
        Integer worker = v.integer(in.field("socialWorkerId"), in.text("socialWorkerId"), false, 1, Integer.MAX_VALUE);
        LocalDate today = LocalDate.now(clock);
        LocalDate notice = v.date(in.field("gdprNoticeOn"), in.text("gdprNoticeOn"), true, today.minusYears(3), today);
        if (worker != null && !socialWorkers().containsKey(String.valueOf(worker))) {
            v.reject(in.field("socialWorkerId"), "Choisissez un travailleur social de la liste.");
        }
        v.throwIfInvalid();
        Long workerId = worker != null ? Long.valueOf(worker) : (actor.role().name().equals("SOCIAL_WORKER") ? actor.id() : null);
        return new Fields(last, first, phone, email, commune, postcode.toUpperCase(Locale.ROOT), age, situation, referring,
                workerId, notice);
    }

    /** The site named in the form, else the actor's own, else the first; an attached actor registers on their site only. */
    private static long siteId(DbExecute tx, String code, User actor, String field) {
        Long own = actor.siteScope();
        if (code != null && !code.isBlank()) {
            long id = tx.createNamedGet("site-by-code").addParam("code", code.strip()).execute()
                    .map(r -> Rows.longValue(r, "id"))
                    .orElseThrow(() -> new ValidationException(Map.of(field, "Site inconnu.")));
            if (own != null && own != id) {
                throw new ValidationException(Map.of(field,
                        "Vous ne pouvez enregistrer des bénéficiaires que sur votre site."));
            }
            return id;
        }
        if (own != null) {
            return own;
        }
        return tx.createNamedQuery("sites-all").execute().findFirst().map(r -> Rows.longValue(r, "id"))
                .orElseThrow(() -> HttpProblem.conflict("Aucun site n'est configuré."));
    }

    private static void journal(DbExecute tx, long id, String kind, User actor, List<String> fields) {
        JsonArrayBuilder names = Jsonp.arrayBuilder();
        fields.forEach(names::add);
        tx.createNamedInsert("beneficiary-event-insert").addParam("beneficiaryId", id).addParam("kind", kind)
                .addParam("actorId", actor.id())
                .addParam("data", Jsonp.objectBuilder().add("fields", names).build().toString()).execute();
    }

    static Beneficiary beneficiary(DbRow r) {
        return new Beneficiary(Rows.longValue(r, "id"), Rows.text(r, "last_name"), Rows.text(r, "first_name"),
                Rows.text(r, "phone"), Rows.text(r, "email"), Rows.text(r, "commune"), Rows.text(r, "postcode"),
                AgeBracket.valueOf(Rows.text(r, "age_bracket")), Situation.valueOf(Rows.text(r, "situation")),
                Rows.text(r, "referring_structure"), Rows.longOrNull(r, "social_worker_id"), Rows.text(r, "social_worker"),
                Rows.date(r, "gdpr_notice_on"), Rows.text(r, "site_name"));
    }

    static HttpProblem notFound() {
        return HttpProblem.notFound("Bénéficiaire introuvable.");
    }
}
