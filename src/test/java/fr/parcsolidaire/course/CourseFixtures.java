package fr.parcsolidaire.course;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.loans.LoanFixtures;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A course, a session of it and its cohort, each with a loan of the session, made over the API. */
final class CourseFixtures {

    static final Http SOCIAL = Http.api(Role.SOCIAL_WORKER);

    record Person(long beneficiaryId, long enrolmentId, long loanId, String tag) {
    }

    record Cohort(long course, long session, List<Person> people) {
    }

    private CourseFixtures() {
    }

    static Cohort cohort(String... lastNames) {
        long course = id(SOCIAL.postJson("/api/v1/courses", Json.createObjectBuilder()
                .add("name", "À portée de clics " + System.nanoTime()).build()));
        long session = id(SOCIAL.postJson("/api/v1/courses/" + course + "/sessions", Json.createObjectBuilder()
                .add("label", "Automne").add("startsOn", LocalDate.now().minusDays(40).toString())
                .add("endsOn", LocalDate.now().plusDays(20).toString()).build()));
        List<Person> people = new ArrayList<>();
        for (String name : lastNames) {
            long person = LoanFixtures.beneficiary(name, "Élise");
            long enrolment = id(SOCIAL.postJson("/api/v1/sessions/" + session + "/enrolments",
                    Json.createObjectBuilder().add("beneficiaryId", person).build()));
            String tag = Fixtures.readyMachine();
            long loan = id(SOCIAL.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", tag)
                    .add("beneficiaryId", person).add("kind", "LOAN").add("sessionId", session).build()));
            people.add(new Person(person, enrolment, loan, tag));
        }
        return new Cohort(course, session, people);
    }

    static long workshop(long session, int daysAgo) {
        return id(SOCIAL.postJson("/api/v1/sessions/" + session + "/workshops", Json.createObjectBuilder()
                .add("startsAt", OffsetDateTime.now().minusDays(daysAgo).withNano(0).toString()).add("durationMinutes", 120)
                .add("topic", "Atelier J-" + daysAgo).build()));
    }

    static void mark(long workshop, Person p, String status) {
        Fixtures.expect(200, SOCIAL.postJson("/api/v1/workshops/" + workshop + "/attendance",
                Json.createObjectBuilder().add("beneficiaryId", p.beneficiaryId()).add("status", status).build()));
    }

    static void checklistDone(Person p) {
        for (Checklist.Item item : Checklist.load("v1").orElseThrow().items()) {
            Fixtures.expect(200, SOCIAL.postJson("/api/v1/enrolments/" + p.enrolmentId() + "/checklist",
                    Json.createObjectBuilder().add("item", item.code()).build()));
        }
    }

    static JsonObject completion(long session) {
        return Http.json(Fixtures.expect(200, SOCIAL.get("/api/v1/sessions/" + session + "/completion")));
    }

    static long id(java.net.http.HttpResponse<String> r) {
        return Http.json(Fixtures.expect(201, r)).getJsonNumber("id").longValue();
    }

    static long count(String sql) {
        return TestApp.get().count(sql);
    }
}
