package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.reports.SmallCountJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;

/**
 * The JSON of GET /api/v1/reports/outcomes, from the same {@link OutcomeReport} as the page: hidden counts are
 * null with the reason in "suppressed" (SMALL_COUNT, COMPLEMENTARY, WITHHELD), as in the reports' summary.
 */
final class OutcomeJson {

    private OutcomeJson() {
    }

    static JsonObject of(OutcomeReport r) {
        OutcomePeriod p = r.period();
        JsonObjectBuilder period = Jsonp.objectBuilder().add("from", p.from().toString()).add("to", p.to().toString());
        nullable(period, "site", p.siteCode());
        if (p.programme() == null) {
            period.addNull("programme");
        } else {
            period.add("programme", Jsonp.objectBuilder().add("id", p.programme().id()).add("name", p.programme().name())
                    .add("funder", p.programme().funder()));
        }
        JsonObjectBuilder people = Jsonp.objectBuilder();
        SmallCountJson.count(people, "total", "totalSuppressed", r.people().total());
        JsonArrayBuilder withheld = Jsonp.arrayBuilder();
        people.add("byAgeBracket", SmallCountJson.cells(r.people().byAge(), "byAgeBracket", withheld))
                .add("bySituation", SmallCountJson.cells(r.people().bySituation(), "bySituation", withheld))
                .add("byCommune", SmallCountJson.cells(r.people().byCommune(), "byCommune", withheld))
                .add("withheld", withheld);

        JsonObjectBuilder byType = Jsonp.objectBuilder();
        for (OutcomeReport.MachineLine m : r.machines()) {
            byType.add(m.type().name(), Jsonp.objectBuilder().add("lent", m.lent()).add("given", m.given()));
        }
        JsonObjectBuilder machines = Jsonp.objectBuilder().add("received", r.machinesReceived())
                .add("lent", r.lentTotal()).add("given", r.givenTotal()).add("byType", byType);

        JsonObjectBuilder course = Jsonp.objectBuilder().add("workshopsHeld", r.course().workshopsHeld())
                .add("attendanceHours", r.course().attendanceHours()).add("completion", share(r.completion()));

        JsonObjectBuilder results = Jsonp.objectBuilder().add("progressed", share(r.progressed()))
                .add("capableAtExit", share(r.capableAtExit())).add("stillUsingAt6Months", share(r.stillUsingAt6Months()));
        SmallCountJson.count(results, "unreachableAt6Months", "unreachableAt6MonthsSuppressed", r.unreachableAt6Months());

        JsonObjectBuilder impactTypes = Jsonp.objectBuilder();
        for (OutcomeReport.ImpactLine l : r.impact().lines()) {
            impactTypes.add(l.type().name(), Jsonp.objectBuilder().add("machines", l.machines())
                    .add("ewasteKg", l.ewasteKg()).add("co2eKg", l.co2eKg()));
        }
        JsonObjectBuilder impact = Jsonp.objectBuilder().add("machines", r.impact().machines())
                .add("ewasteAvoidedKg", r.impact().ewasteAvoidedKg()).add("co2eAvoidedKg", r.impact().co2eAvoidedKg())
                .add("byType", impactTypes).add("source", r.impact().source());

        JsonObjectBuilder cost = Jsonp.objectBuilder();
        decimal(cost, "budget", r.cost().budget());
        decimal(cost, "perPerson", r.cost().perPerson());
        nullable(cost, "notPublished", r.cost().notPublished());

        JsonArrayBuilder notes = Jsonp.arrayBuilder();
        OutcomeLines.notes(r).forEach(n -> notes.add(Jsonp.objectBuilder().add("number", n.number()).add("text", n.text())));
        return Jsonp.objectBuilder().add("period", period).add("computedAt", r.computedAt().toString())
                .add("people", people).add("machines", machines).add("course", course).add("results", results)
                .add("impact", impact).add("cost", cost).add("definitions", notes).build();
    }

    /** GET /api/v1/sessions/{id}/skills: the shares (nulls kept, as the schema says) and the people the reader may see. */
    static JsonObject session(SkillsService.SessionProgress p) {
        JsonArrayBuilder people = Jsonp.arrayBuilder();
        for (SkillsService.PersonProgress person : p.people()) {
            JsonObjectBuilder b = Jsonp.objectBuilder().add("enrolmentId", person.enrolmentId()).add("name", person.name());
            if (person.entryMean() != null) {
                b.add("entryMean", person.entryMean());
            }
            if (person.exitMean() != null) {
                b.add("exitMean", person.exitMean());
            }
            if (person.entryCapable() != null) {
                b.add("entryCapable", person.entryCapable());
            }
            if (person.exitCapable() != null) {
                b.add("exitCapable", person.exitCapable());
            }
            people.add(b);
        }
        return Jsonp.objectBuilder().add("sessionId", p.sessionId()).add("session", p.session()).add("site", p.site())
                .add("people", people).add("progressed", share(p.progressed())).add("capableAtExit", share(p.capableAtExit()))
                .build();
    }

    static JsonObjectBuilder share(Share s) {
        JsonObjectBuilder b = Jsonp.objectBuilder();
        if (s.count() == null) {
            b.addNull("count");
        } else {
            b.add("count", s.count());
        }
        if (s.of() == null) {
            b.addNull("of");
        } else {
            b.add("of", s.of());
        }
        if (s.percent() == null) {
            b.addNull("percent");
        } else {
            b.add("percent", s.percent());
        }
        nullable(b, "suppressed", s.suppressed());
        return b;
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static void decimal(JsonObjectBuilder b, String name, BigDecimal value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }
}
