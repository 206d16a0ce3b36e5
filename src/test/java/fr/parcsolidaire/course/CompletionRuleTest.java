package fr.parcsolidaire.course;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The completion rule's edges: exactly the threshold, excused absences, nothing held yet. */
class CompletionRuleTest {

    private final CompletionRule rule = new CompletionRule(75, true);

    @Test
    void exactlySeventyFivePercentCompletes() {
        assertTrue(rule.met(4, 3, 0, true));
        assertEquals(75, CompletionRule.rate(4, 3, 0));
        assertFalse(rule.met(4, 2, 0, true));
        assertFalse(rule.met(8, 5, 0, true), "62 %");
        assertTrue(rule.met(8, 6, 0, true));
    }

    @Test
    void excusedAbsencesAreLeftOutOfTheCount() {
        // 5 held, 1 excused: 3 present out of 4 counted = 75 %.
        assertTrue(rule.met(5, 3, 1, true));
        assertEquals(75, CompletionRule.rate(5, 3, 1));
        // The same attendance without the excuse is 60 %.
        assertFalse(rule.met(5, 3, 0, true));
    }

    @Test
    void nobodyCompletesBeforeAnyWorkshopCounts() {
        assertFalse(rule.met(0, 0, 0, true));
        assertNull(CompletionRule.rate(0, 0, 0));
        assertFalse(rule.met(2, 0, 2, true), "only excused workshops");
        assertNull(CompletionRule.rate(2, 0, 2));
    }

    @Test
    void theChecklistCountsOnlyWhenTheCourseAsksForIt() {
        assertFalse(rule.met(4, 4, 0, false));
        assertTrue(new CompletionRule(75, false).met(4, 3, 0, false));
        assertTrue(new CompletionRule(100, false).met(3, 3, 0, false));
        assertFalse(new CompletionRule(100, false).met(3, 2, 0, false));
    }

    @Test
    void theChecklistFileListsItsItemsInOrder() {
        Checklist v1 = Checklist.load("v1").orElseThrow();
        assertEquals(10, v1.items().size());
        assertEquals("allumer", v1.items().getFirst().code());
        assertEquals("sauvegarde", v1.items().getLast().code());
        assertTrue(v1.item("services-publics").orElseThrow().label().contains("FranceConnect"));
        assertTrue(Checklist.load("v99").isEmpty());
        assertTrue(Checklist.load("../application").isEmpty(), "a version is a name, not a path");
    }

    @Test
    void durationsReadInFrench() {
        assertEquals("2 h", HoursFormat.minutes(120));
        assertEquals("1 h 30", HoursFormat.minutes(90));
        assertEquals("45 min", HoursFormat.minutes(45));
        assertEquals("7,5 h", HoursFormat.hours(7.5));
        assertEquals("6 h", HoursFormat.hours(6.0));
    }
}
