package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.http.Validator;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The span and scope of a report: dates inclusive, one site or all. Months and days are cut in the
 * centres' time zone, so an event at 23:30 on 31 December belongs to December.
 */
record ReportPeriod(LocalDate from, LocalDate to, Long siteId, String siteCode, String siteName) {

    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final int MAX_YEARS = 10;

    /** Reads from, to (AAAA-MM-JJ, default the current calendar year) and site (code, empty for all). */
    public static ReportPeriod parse(Map<String, String> query, LocalDate today, Function<String, Optional<SiteRef>> sites) {
        Validator v = new Validator();
        LocalDate min = LocalDate.of(2000, 1, 1);
        LocalDate max = today.plusYears(1);
        LocalDate from = blank(query.get("from")) ? today.withDayOfYear(1) : v.date("from", query.get("from"), true, min, max);
        LocalDate to = blank(query.get("to")) ? today.withDayOfYear(1).plusYears(1).minusDays(1)
                : v.date("to", query.get("to"), true, min, max);
        String code = query.get("site");
        SiteRef site = null;
        if (!blank(code) && !code.equals("all")) {
            site = sites.apply(code.strip()).orElse(null);
            if (site == null) {
                v.reject("site", "Site inconnu.");
            }
        }
        if (from != null && to != null && from.isAfter(to)) {
            v.reject("to", "La fin de la période doit suivre son début.");
        }
        if (from != null && to != null && from.plusYears(MAX_YEARS).isBefore(to)) {
            v.reject("to", "La période ne peut dépasser " + MAX_YEARS + " ans.");
        }
        v.throwIfInvalid();
        return site == null ? new ReportPeriod(from, to, null, null, null)
                : new ReportPeriod(from, to, site.id(), site.code(), site.name());
    }

    public OffsetDateTime fromAt() {
        return from.atStartOfDay(ZONE).toOffsetDateTime();
    }

    public OffsetDateTime toAt() {
        return to.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
    }

    public String scopeLabel() {
        return siteName == null ? "Tous les sites" : siteName;
    }

    /** The query string that selects this period again (links to exports). */
    public String query() {
        return "from=" + from + "&to=" + to + (siteCode == null ? "" : "&site=" + siteCode);
    }

    public record SiteRef(long id, String code, String name) {
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
