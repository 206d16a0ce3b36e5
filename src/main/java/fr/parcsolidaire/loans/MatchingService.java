package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.Grade;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Ranks READY machines for a waiting person and waiting people for a READY machine, by {@link MatchingRule}. */
final class MatchingService {

    static final int SHOWN = 10;

    private final Database database;
    private final WaitingListService waiting;
    private final ReservationService reservations;
    private final Clock clock;

    MatchingService(Database database, WaitingListService waiting, ReservationService reservations, Clock clock) {
        this.database = database;
        this.waiting = waiting;
        this.reservations = reservations;
        this.clock = clock;
    }

    /** Machines for one request; machines reserved for someone else are left out. */
    List<MachineMatch> machinesFor(long waitingId, User reader) {
        reservations.lapseDue();
        WaitingEntry p = waiting.get(waitingId, reader);
        return machinesFor(p, candidates(null));
    }

    static List<MachineMatch> machinesFor(WaitingEntry p, List<MatchCandidate> machines) {
        List<MachineMatch> out = new ArrayList<>();
        for (MatchCandidate m : machines) {
            boolean forThem = m.reservedFor() != null && m.reservedFor() == p.beneficiaryId();
            if (m.reservedFor() != null && !forThem) {
                continue;
            }
            MatchingRule.Fit fit = MatchingRule.fit(m, p);
            List<String> reasons = new ArrayList<>(fit.reasons());
            if (forThem) {
                reasons.addFirst("Déjà réservée pour cette personne");
            }
            out.add(new MachineMatch(m.tag(), m.title(), m.type().name(), m.siteName(), m.siteId() == p.siteId(), forThem,
                    fit.points(), List.copyOf(reasons)));
        }
        out.sort(Comparator.comparing(MachineMatch::reservedForThisPerson).reversed()
                .thenComparing(Comparator.comparing(MachineMatch::sameSite).reversed())
                .thenComparing(Comparator.comparingInt(MachineMatch::score).reversed())
                .thenComparing(MachineMatch::tag));
        return out.size() > SHOWN ? List.copyOf(out.subList(0, SHOWN)) : List.copyOf(out);
    }

    /** Waiting people of the reader's site for one READY machine; 409 when the machine is not READY. */
    List<PersonMatch> peopleFor(String tag, User reader) {
        reservations.lapseDue();
        List<MatchCandidate> found = candidates(Tags.normalise(tag));
        if (found.isEmpty()) {
            database.client().execute().createNamedGet("kit-machine-state").addParam("tag", Tags.normalise(tag)).execute()
                    .orElseThrow(() -> Tags.notFound(tag));
            throw HttpProblem.conflict("Cette machine n'est pas prête : aucun rapprochement possible.");
        }
        return peopleFor(found.getFirst(), waiting.open(reader), LocalDate.now(clock));
    }

    static List<PersonMatch> peopleFor(MatchCandidate m, List<WaitingEntry> people, LocalDate today) {
        List<PersonMatch> out = new ArrayList<>();
        for (WaitingEntry p : people) {
            MatchingRule.Fit fit = MatchingRule.fit(m, p);
            MatchingRule.Fit urgency = MatchingRule.urgency(p, today);
            List<String> reasons = new ArrayList<>(fit.reasons());
            reasons.addAll(urgency.reasons());
            out.add(new PersonMatch(p.id(), p.beneficiaryId(), p.beneficiaryName(), p.priority().name(), p.askedOn(),
                    m.siteId() == p.siteId(), fit.points() + urgency.points(), List.copyOf(reasons)));
        }
        out.sort(Comparator.comparing(PersonMatch::sameSite).reversed()
                .thenComparing(Comparator.comparingInt(PersonMatch::score).reversed())
                .thenComparing(PersonMatch::askedOn)
                .thenComparingLong(PersonMatch::waitingId));
        return out.size() > SHOWN ? List.copyOf(out.subList(0, SHOWN)) : List.copyOf(out);
    }

    List<MatchCandidate> candidates(String tag) {
        return candidates(database.client().execute(), tag);
    }

    /** READY machines, or the one of {@code tag}, read on {@code db} (the machine page reads its parts on one connection). */
    List<MatchCandidate> candidates(DbExecute db, String tag) {
        return db.createNamedQuery("matching-machines").addParam("tag", tag).execute()
                .map(MatchingService::candidate).toList();
    }

    private static MatchCandidate candidate(DbRow r) {
        MachineType type = MachineType.valueOf(Rows.text(r, "type"));
        String title = ((Rows.text(r, "brand") == null ? "" : Rows.text(r, "brand")) + " "
                + (Rows.text(r, "model") == null ? "" : Rows.text(r, "model"))).strip();
        String grade = Rows.text(r, "grade");
        String webcam = Rows.text(r, "webcam");
        return new MatchCandidate(Rows.longValue(r, "id"), Rows.text(r, "tag"), type, title.isEmpty() ? type.label() : title,
                grade == null ? null : Grade.valueOf(grade), Rows.decimal(r, "screen_inches"), Rows.intOrNull(r, "battery_health"),
                Rows.longValue(r, "site_id"), Rows.text(r, "site_name"),
                webcam == null ? null : "OK".equals(webcam), Rows.longOrNull(r, "reserved_for"));
    }
}
