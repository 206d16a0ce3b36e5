package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.Validator;

import java.time.LocalDate;

/**
 * What an outcome report covers: dates (inclusive), a site or all, a programme or none. A programme restricts
 * every figure to what is attached to it (its handovers, sessions and donations).
 */
record OutcomePeriod(LocalDate from, LocalDate to, Long siteId, String siteCode, String siteName,
                     ProgrammeService.Programme programme) {

    static final int MAX_YEARS = 10;

    Long programmeId() {
        return programme == null ? null : programme.id();
    }

    String scopeLabel() {
        return siteName == null ? "Tous les sites" : siteName;
    }

    String label() {
        return "du " + Formats.date(from) + " au " + Formats.date(to);
    }

    /** The query string that selects this report again (links to the PDF and the spreadsheet). */
    String query() {
        return "from=" + from + "&to=" + to + (siteCode == null ? "" : "&site=" + siteCode)
                + (programme == null ? "" : "&programme=" + programme.id());
    }

    static void checkSpan(Validator v, LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            v.reject("to", "La fin de la période doit suivre son début.");
        }
        if (from != null && to != null && from.plusYears(MAX_YEARS).isBefore(to)) {
            v.reject("to", "La période ne peut dépasser " + MAX_YEARS + " ans.");
        }
    }
}
