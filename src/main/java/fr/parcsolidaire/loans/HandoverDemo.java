package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.security.User;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Demo data of the journey around the handover, through the real services, after {@link LoansDemo}: three people
 * on the waiting list, a reservation for the first match of one of them, and a kit (a computer with a screen when
 * one is READY, a mouse and a bag) for the participant of the session who has no machine yet.
 */
final class HandoverDemo {

    private HandoverDemo() {
    }

    static void load(BeneficiaryService beneficiaries, WaitingListService waiting, MatchingService matching,
                     ReservationService reservations, AssignmentService assignments, CohortHandover cohort,
                     CourseService courses, User actor, String base) {
        LocalDate today = assignments.today();
        String[][] people = {
                {"Petit", "Gérard", "FROM_75", "RETIRED", "KEEPING_IN_TOUCH", "LARGE_SCREEN,MOUSE_BEGINNER", "NORMAL", "", "NONE", "NONE"},
                {"Benali", "Yasmina", "FROM_26_TO_44", "JOB_SEEKER", "JOB_SEARCH,ONLINE_PROCEDURES", "WEBCAM", "HIGH",
                        "Entretiens en visio avec France Travail dès le mois prochain", "ONE", "MOBILE_ONLY"},
                {"Nguyen", "Thi", "FROM_45_TO_59", "EMPLOYED", "SCHOOL_WORK", "LIGHT", "NORMAL", "", "TWO_OR_MORE", "SOCIAL_TARIFF"}};
        List<Long> requests = new ArrayList<>();
        List<Long> persons = new ArrayList<>();
        for (String[] p : people) {
            long person = beneficiaries.create(input(Jsonp.objectBuilder().add("lastName", p[0]).add("firstName", p[1])
                    .add("commune", "Saint-Denis").add("postcode", "93200").add("ageBracket", p[2]).add("situation", p[3])
                    .add("gdprNoticeOn", today.minusWeeks(1).toString())), actor);
            persons.add(person);
            JsonObjectBuilder request = Jsonp.objectBuilder().add("beneficiaryId", person).add("priority", p[6])
                    .add("children", p[8]).add("internet", p[9]).add("askedOn", today.minusWeeks(requests.size() + 1).toString());
            if (!p[7].isEmpty()) {
                request.add("priorityReason", p[7]);
            }
            requests.add(waiting.create(input(request), List.of(p[4].split(",")), List.of(p[5].split(",")), actor));
        }
        Optional<MachineMatch> first = matching.machinesFor(requests.get(1), actor).stream().findFirst();
        first.ifPresent(m -> reservations.reserve(input(Jsonp.objectBuilder().add("machineTag", m.tag())
                .add("beneficiaryId", persons.get(1)).add("until", today.plusDays(10).toString())
                .add("note", "À remettre au prochain atelier")), actor));

        List<MatchCandidate> free = matching.candidates(null).stream().filter(m -> m.reservedFor() == null).toList();
        Optional<MatchCandidate> computer = free.stream()
                .filter(m -> m.type() == MachineType.LAPTOP || m.type() == MachineType.DESKTOP).findFirst();
        Optional<MatchCandidate> screen = free.stream().filter(m -> m.type() == MachineType.SCREEN).findFirst();
        Optional<CourseSession> session = courses.sessions().stream().findFirst();
        if (computer.isEmpty() || session.isEmpty()) {
            return;
        }
        cohort.participants(session.get().id(), actor).stream().findFirst().ifPresent(participant -> {
            JsonArrayBuilder items = Jsonp.arrayBuilder();
            screen.ifPresent(s -> items.add(Jsonp.objectBuilder().add("tag", s.tag())));
            items.add(Jsonp.objectBuilder().add("name", "Souris").add("quantity", 1));
            items.add(Jsonp.objectBuilder().add("name", "Sacoche").add("quantity", 1));
            Input in = input(Jsonp.objectBuilder().add("machineTag", computer.get().tag())
                    .add("beneficiaryId", participant.id()).add("kind", "LOAN")
                    .add("sessionId", session.get().id()).add("items", items));
            assignments.assign(in, List.of("Chargeur"), Kit.parse(in), actor, base);
        });
    }

    private static Input input(JsonObjectBuilder b) {
        return Input.of(b.build());
    }
}
