package fr.parcsolidaire.imports;

import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;

import java.util.List;
import java.util.Map;

/**
 * What an import would create (dry run) or created (commit), and what is wrong with each row.
 *
 * @param source         how the file was read, in French ("CSV, séparateur point-virgule, encodage Windows-1252")
 * @param mapping        the columns used (guessed or chosen)
 * @param rows           the rows read as machines (header, title and blank rows left out)
 * @param machines       rows ready to become machines; a commit needs every row ready (no error at all)
 * @param errors         blocking issues, all rows together; the import is possible only at 0
 * @param issues         errors first, then warnings, by row, cut at {@link #MAX_ISSUES}
 * @param byState        machines by the state they enter in (after the erasure rule, see {@link #heldBack})
 * @param bySite         by site name; {@code byDonor} by donor name
 * @param donorsToCreate donors named in the file that do not exist yet, created once each
 * @param donations      one per donor, date and site
 * @param heldBack       data-holding machines declared ready that enter "En reconditionnement"
 */
public record ImportReport(String fileName, String source, ColumnMapping mapping, int rows, int machines, int errors,
                           int rowsWithErrors, int warnings, List<RowIssue> issues, Map<MachineType, Integer> byType,
                           Map<MachineState, Integer> byState, Map<String, Integer> bySite, Map<String, Integer> byDonor,
                           List<String> donorsToCreate, int donations, int tagsKept, int tagsAllocated, int heldBack) {

    /** Issues listed one by one; past this many only their counts are given (a page of 10 000 errors helps no one). */
    public static final int MAX_ISSUES = 1_000;

    public boolean importable() {
        return errors == 0 && machines > 0;
    }

    /** True when {@link #issues} does not list every issue. */
    public boolean issuesCut() {
        return errors + warnings > issues.size();
    }
}
