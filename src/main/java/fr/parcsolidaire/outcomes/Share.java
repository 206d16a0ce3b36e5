package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.reports.SmallCount;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A share of people ("who progressed", "who feel capable"…), protected like every count of people: the
 * population and its split into yes and no go through SmallCount, and the percentage is published only when
 * neither the yes nor the no is a hidden small count (a percentage of a known total would give it away).
 *
 * @param count      people in the share, null when hidden
 * @param of         people it is a share of, null when hidden
 * @param percent    rounded percentage, null when not published or when nobody answered
 * @param suppressed why a number is missing: SMALL_COUNT, COMPLEMENTARY, WITHHELD; null when all is shown
 */
public record Share(Long count, Long of, Integer percent, String suppressed) {

    static Share of(long yes, long total) {
        SmallCount.Protected p = SmallCount.people(total, List.of(List.of(
                SmallCount.Raw.people("YES", "oui", yes), SmallCount.Raw.people("NO", "non", total - yes))));
        if (p.total().suppressed()) {
            return new Share(null, null, null, p.total().mark().name());
        }
        SmallCount.Breakdown split = p.breakdowns().getFirst();
        if (split.withheld()) {
            return new Share(null, total, null, "WITHHELD");
        }
        SmallCount.Cell yesCell = split.cells().get(0);
        SmallCount.Cell noCell = split.cells().get(1);
        if (yesCell.suppressed() || noCell.suppressed()) {
            return new Share(yesCell.value(), total, null,
                    (yesCell.suppressed() ? yesCell : noCell).mark().name());
        }
        Integer percent = total == 0 ? null : BigDecimal.valueOf(100 * yes)
                .divide(BigDecimal.valueOf(total), 0, RoundingMode.HALF_UP).intValueExact();
        return new Share(yes, total, percent, null);
    }

    /** The French text of the share, as the page, the PDF and the spreadsheet print it. */
    public String shown() {
        if (of != null && of == 0) {
            return "sans objet (aucune personne concernée)";
        }
        if (percent != null) {
            return percent + " % (" + count + " sur " + of + ")";
        }
        if (of == null) {
            return "non publié (moins de 5 personnes)";
        }
        return "non publié (petits effectifs, sur " + of + ")";
    }
}
