package fr.parcsolidaire.platform.http;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator every form and JSON body goes through: typed values, one French sentence per faulty field. */
class ValidatorTest {

    private enum Colour { RED, GREEN }

    private static String label(Colour c) {
        return c == Colour.RED ? "rouge" : "vert";
    }

    @Test
    void textIsTrimmedAndBlankMeansMissing() {
        Validator v = new Validator();
        assertEquals("Dell", v.required("brand", "  Dell \n", 80));
        assertNull(v.required("model", "   ", 80));
        assertNull(v.optional("note", " \t ", 80));
        assertEquals("x", v.optional("serial", " x ", 80));
        assertEquals(Map.of("model", "Ce champ est obligatoire."), errors(v));
    }

    @Test
    void tooLongAndControlCharactersAreRefusedButLineBreaksAndTabsPass() {
        Validator v = new Validator();
        assertNull(v.required("name", "abcdef", 5));
        assertNull(v.optional("note", "bell\u0007", 100));
        assertEquals("ligne 1\nligne 2\tfin", v.optional("comment", "ligne 1\nligne 2\tfin", 100));
        assertEquals(Map.of("name", "Ce champ ne peut dépasser 5 caractères.",
                "note", "Ce champ contient des caractères non autorisés."), errors(v));
    }

    @Test
    void enumsAreReadInAnyCaseAndAnUnknownValueListsTheFrenchChoices() {
        Validator v = new Validator();
        assertEquals(Colour.GREEN, v.requiredEnum("colour", " green ", Colour.class, ValidatorTest::label));
        assertNull(v.optionalEnum("other", null, Colour.class, ValidatorTest::label));
        assertNull(v.requiredEnum("bad", "BLUE", Colour.class, ValidatorTest::label));
        assertNull(v.requiredEnum("missing", "", Colour.class, ValidatorTest::label));
        assertEquals(Map.of("bad", "Valeur inconnue. Choisissez parmi : rouge, vert.",
                "missing", "Ce champ est obligatoire."), errors(v));
    }

    @Test
    void datesAreIsoAndBoundedWithTheBoundsSaidInFrench() {
        LocalDate min = LocalDate.of(2026, 1, 1);
        LocalDate max = LocalDate.of(2026, 12, 31);
        Validator v = new Validator();
        assertEquals(LocalDate.of(2026, 5, 4), v.date("on", "2026-05-04", true, min, max));
        assertNull(v.date("late", "2027-01-01", true, min, max));
        assertNull(v.date("format", "04/05/2026", true, min, max));
        assertNull(v.date("optional", "", false, min, max));
        assertNull(v.date("required", null, true, min, max));
        assertEquals(Map.of("late", "La date doit être comprise entre le 01/01/2026 et le 31/12/2026.",
                "format", "Date invalide (format attendu : AAAA-MM-JJ).",
                "required", "Ce champ est obligatoire."), errors(v));
    }

    @Test
    void numbersAcceptAFrenchCommaAndIntegersRefuseFractions() {
        Validator v = new Validator();
        assertEquals(new BigDecimal("8.5"), v.decimal("ram", "8,5", true, BigDecimal.ONE, BigDecimal.TEN));
        assertNull(v.decimal("big", "11", true, BigDecimal.ONE, BigDecimal.TEN));
        assertNull(v.decimal("word", "huit", true, BigDecimal.ONE, BigDecimal.TEN));
        assertEquals(3, v.integer("passes", "3", true, 0, 99));
        assertEquals(3, v.integer("zeros", "3.00", true, 0, 99));
        assertNull(v.integer("half", "2.5", true, 0, 99));
        assertEquals(Map.of("big", "La valeur doit être comprise entre 1 et 10.", "word", "Nombre invalide.",
                "half", "Un nombre entier est attendu."), errors(v));
    }

    @Test
    void yesAndNoAreReadTheWaysFormsAndScriptsSendThem() {
        Validator v = new Validator();
        for (String yes : new String[] {"true", "on", "OUI", "1"}) {
            assertTrue(v.bool("b", yes, true), yes);
        }
        for (String no : new String[] {"false", "off", "non", "0"}) {
            assertFalse(v.bool("b", no, true), no);
        }
        assertNull(v.bool("maybe", "peut-être", true));
        assertEquals(Map.of("maybe", "Répondez par oui ou non."), errors(v));
    }

    @Test
    void theFirstMessageOfAFieldWinsAndEveryFieldIsReportedAtOnce() {
        Validator v = new Validator();
        v.reject("serial", "Ce numéro de série figure deux fois dans ce don.");
        v.required("serial", "", 80);
        v.required("brand", null, 80);
        assertTrue(v.hasError("serial"));
        ValidationException e = assertThrows(ValidationException.class, v::throwIfInvalid);
        assertEquals(400, e.status().code());
        assertEquals("Certains champs sont à corriger.", e.getMessage());
        assertEquals(Map.of("serial", "Ce numéro de série figure deux fois dans ce don.",
                "brand", "Ce champ est obligatoire."), e.fields());
        new Validator().throwIfInvalid();
    }

    private static Map<String, String> errors(Validator v) {
        try {
            v.throwIfInvalid();
            return Map.of();
        } catch (ValidationException e) {
            return e.fields();
        }
    }
}
