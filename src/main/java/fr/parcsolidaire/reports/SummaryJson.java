package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.MachineType;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;

/** The JSON of GET /api/v1/reports/summary: the dashboard's figures, with people counts under 5 as "< 5". */
final class SummaryJson {

    private SummaryJson() {
    }

    static JsonObject of(Summary s) {
        ReportPeriod p = s.period();
        JsonObjectBuilder period = Json.createObjectBuilder().add("from", p.from().toString()).add("to", p.to().toString());
        if (p.siteCode() == null) {
            period.addNull("site");
        } else {
            period.add("site", p.siteCode());
        }
        JsonObjectBuilder totals = Json.createObjectBuilder();
        JsonObjectBuilder byType = Json.createObjectBuilder();
        for (Figure f : Figure.values()) {
            totals.add(key(f), s.total(f));
        }
        totals.add("scrappedKg", s.totalScrappedKg());
        for (MachineType type : MachineType.values()) {
            JsonObjectBuilder t = Json.createObjectBuilder();
            for (Figure f : Figure.values()) {
                t.add(key(f), s.count(f, type));
            }
            t.add("scrappedKg", s.scrappedKg().getOrDefault(type, java.math.BigDecimal.ZERO));
            t.add("readyStock", s.readyStock().getOrDefault(type, 0L));
            byType.add(type.name(), t);
        }
        JsonArrayBuilder months = Json.createArrayBuilder();
        for (Summary.MonthFlow m : s.months()) {
            months.add(Json.createObjectBuilder().add("month", m.month().toString()).add("received", m.received())
                    .add("ready", m.ready()).add("lent", m.lent()).add("given", m.given()).add("returned", m.returned())
                    .add("scrapped", m.scrapped()).add("parts", m.parts()));
        }
        JsonObjectBuilder durations = Json.createObjectBuilder().add("machines", s.durations().machines());
        if (s.durations().medianDays() == null) {
            durations.addNull("medianDays");
        } else {
            durations.add("medianDays", Math.round(s.durations().medianDays() * 10) / 10.0);
        }
        JsonArrayBuilder buckets = Json.createArrayBuilder();
        s.durations().buckets().forEach(b -> buckets.add(Json.createObjectBuilder().add("label", b.label()).add("count", b.count())));
        durations.add("buckets", buckets);
        Summary.Beneficiaries b = s.beneficiaries();
        JsonObjectBuilder people = Json.createObjectBuilder();
        putCount(people, "total", b.total());
        people.add("byAgeBracket", groups(b.byAge())).add("bySituation", groups(b.bySituation()))
                .add("byCommune", groups(b.byCommune()));
        JsonArrayBuilder donors = Json.createArrayBuilder();
        s.donors().forEach(d -> donors.add(Json.createObjectBuilder().add("name", d.name()).add("kind", d.kind())
                .add("donations", d.donations()).add("machines", d.machines())));
        Summary.Impact i = s.impact();
        JsonArrayBuilder lines = Json.createArrayBuilder();
        i.lines().forEach(l -> lines.add(Json.createObjectBuilder().add("type", l.type().name()).add("machines", l.machines())
                .add("weightKg", l.weightKg()).add("co2ePerYearKg", l.co2ePerYearKg()).add("years", l.years())
                .add("ewasteAvoidedKg", l.ewasteKg()).add("co2eAvoidedKg", l.co2eKg())));
        return Json.createObjectBuilder()
                .add("period", period)
                .add("computedAt", s.computedAt().toString())
                .add("totals", totals)
                .add("byType", byType)
                .add("readyStock", s.totalReadyStock())
                .add("months", months)
                .add("reconditioningDays", durations)
                .add("beneficiaries", people)
                .add("donors", donors)
                .add("impact", Json.createObjectBuilder().add("machines", i.machines())
                        .add("ewasteAvoidedKg", i.ewasteAvoidedKg()).add("co2eAvoidedKg", i.co2eAvoidedKg())
                        .add("byType", lines).add("source", i.source()))
                .build();
    }

    static String key(Figure f) {
        return switch (f) {
            case RECEIVED -> "received";
            case IN_WORKSHOP -> "inWorkshop";
            case READY -> "ready";
            case LENT -> "lent";
            case GIVEN -> "given";
            case RETURNED -> "returned";
            case SCRAPPED -> "scrapped";
            case PARTS -> "parts";
        };
    }

    private static JsonArrayBuilder groups(List<Summary.Group> groups) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Summary.Group g : groups) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("code", g.code()).add("label", g.label());
            putCount(o, "count", g.count());
            a.add(o);
        }
        return a;
    }

    /** A count about people: a number, or the string "< 5" when it is between 1 and 4. */
    private static void putCount(JsonObjectBuilder o, String key, long n) {
        if (SmallCount.suppressed(n)) {
            o.add(key, SmallCount.SUPPRESSED);
        } else {
            o.add(key, n);
        }
    }
}
