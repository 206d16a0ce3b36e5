package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.http.Labelled;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reports read the loans' codes straight from SQL and cannot import the loans feature: their French words are
 * held here to the loans enums', so an export says "Bénéficiaire du RSA" exactly as the form does.
 */
class PeopleLabelsTest {

    @Test
    void reportsWriteTheLoansCodesWithTheFormsWords() throws ClassNotFoundException {
        assertEquals(labels("AgeBracket"), PeopleLabels.AGE_BRACKETS);
        assertEquals(labels("Situation"), PeopleLabels.SITUATIONS);
        assertEquals(labels("AssignmentKind"), PeopleLabels.ASSIGNMENT_KINDS);
        assertEquals(labels("AssignmentStatus"), PeopleLabels.ASSIGNMENT_STATUSES);
    }

    private static Map<String, String> labels(String loansEnum) throws ClassNotFoundException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object constant : Class.forName("fr.parcsolidaire.loans." + loansEnum).getEnumConstants()) {
            out.put(((Enum<?>) constant).name(), ((Labelled) constant).label());
        }
        return out;
    }
}
