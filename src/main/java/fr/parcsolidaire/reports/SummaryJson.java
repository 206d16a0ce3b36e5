package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.http.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;

/** The JSON of GET /api/v1/reports/summary: the dashboard's figures, people counts protected by SmallCount. */
final class SummaryJson {

    private SummaryJson() {
    }

    static JsonObject of(Summary s) {
        ReportPeriod p = s.period();
        JsonObjectBuilder period = Jsonp.objectBuilder().add("from", p.from().toString()).add("to", p.to().toString());
        if (p.siteCode() == null) {
            period.addNull("site");
        } else {
            period.add("site", p.siteCode());
        }
        JsonObjectBuilder totals = Jsonp.objectBuilder();
        JsonObjectBuilder byType = Jsonp.objectBuilder();
        for (Figure f : Figure.values()) {
            totals.add(key(f), s.total(f));
        }
        totals.add("scrappedKg", s.totalScrappedKg());
        for (MachineType type : MachineType.values()) {
            JsonObjectBuilder t = Jsonp.objectBuilder();
            for (Figure f : Figure.values()) {
                t.add(key(f), s.count(f, type));
            }
            t.add("scrappedKg", s.scrappedKg().getOrDefault(type, BigDecimal.ZERO));
            t.add("readyStock", s.readyStock().getOrDefault(type, 0L));
            byType.add(type.name(), t);
        }
        JsonArrayBuilder months = Jsonp.arrayBuilder();
        for (Summary.MonthFlow m : s.months()) {
            months.add(Jsonp.objectBuilder().add("month", m.month().toString()).add("received", m.received())
                    .add("ready", m.ready()).add("lent", m.lent()).add("given", m.given()).add("returned", m.returned())
                    .add("scrapped", m.scrapped()).add("parts", m.parts()));
        }
        JsonObjectBuilder durations = Jsonp.objectBuilder().add("machines", s.durations().machines());
        if (s.durations().medianDays() == null) {
            durations.addNull("medianDays");
        } else {
            durations.add("medianDays", Math.round(s.durations().medianDays() * 10) / 10.0);
        }
        JsonArrayBuilder buckets = Jsonp.arrayBuilder();
        s.durations().buckets().forEach(b -> buckets.add(Jsonp.objectBuilder().add("label", b.label()).add("count", b.count())));
        durations.add("buckets", buckets);
        Summary.Beneficiaries b = s.beneficiaries();
        JsonObjectBuilder people = Jsonp.objectBuilder();
        SmallCountJson.count(people, "total", "totalSuppressed", b.total());
        JsonArrayBuilder withheld = Jsonp.arrayBuilder();
        people.add("byAgeBracket", SmallCountJson.cells(b.byAge(), "byAgeBracket", withheld))
                .add("bySituation", SmallCountJson.cells(b.bySituation(), "bySituation", withheld))
                .add("byCommune", SmallCountJson.cells(b.byCommune(), "byCommune", withheld))
                .add("withheld", withheld);
        JsonArrayBuilder donors = Jsonp.arrayBuilder();
        s.donors().forEach(d -> donors.add(Jsonp.objectBuilder().add("name", d.name()).add("kind", d.kind())
                .add("donations", d.donations()).add("machines", d.machines())));
        Summary.Impact i = s.impact();
        JsonArrayBuilder lines = Jsonp.arrayBuilder();
        i.lines().forEach(l -> lines.add(Jsonp.objectBuilder().add("type", l.type().name()).add("machines", l.machines())
                .add("weightKg", l.weightKg()).add("co2ePerYearKg", l.co2ePerYearKg()).add("years", l.years())
                .add("ewasteAvoidedKg", l.ewasteKg()).add("co2eAvoidedKg", l.co2eKg())));
        return Jsonp.objectBuilder()
                .add("period", period)
                .add("computedAt", s.computedAt().toString())
                .add("totals", totals)
                .add("byType", byType)
                .add("readyStock", s.totalReadyStock())
                .add("months", months)
                .add("reconditioningDays", durations)
                .add("beneficiaries", people)
                .add("donors", donors)
                .add("impact", Jsonp.objectBuilder().add("machines", i.machines())
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
}
