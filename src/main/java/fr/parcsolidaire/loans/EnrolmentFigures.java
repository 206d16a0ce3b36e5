package fr.parcsolidaire.loans;

import fr.parcsolidaire.outcomes.CourseFigures;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;

import java.time.LocalDate;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Interim course figures for the outcome report, from what loans holds today: people enrolled in the sessions
 * and those whose enrolment is completed. Workshops and attendance are not recorded here yet, so they are zero;
 * the feature that records them replaces this in Main (docs/outcomes.md).
 */
final class EnrolmentFigures implements CourseFigures {

    private final Database database;

    EnrolmentFigures(Database database) {
        this.database = database;
    }

    @Override
    public Figures of(Collection<Long> sessionIds, LocalDate from, LocalDate to) {
        if (sessionIds.isEmpty()) {
            return new Figures(0, 0, 0, 0);
        }
        String ids = sessionIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return database.client().execute().createNamedGet("enrolment-figures").addParam("sessionIds", ids).execute()
                .map(r -> new Figures(0, 0, (int) Rows.longValue(r, "enrolled"), (int) Rows.longValue(r, "completed")))
                .orElseThrow();
    }
}
