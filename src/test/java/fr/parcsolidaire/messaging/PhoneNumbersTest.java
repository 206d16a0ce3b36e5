package fr.parcsolidaire.messaging;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PhoneNumbersTest {

    @Test
    void frenchMobilesAsSocialWorkersTypeThemBecomeE164() {
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.mobile("06 12 34 56 78"));
        assertEquals(Optional.of("+33712345678"), PhoneNumbers.mobile("07.12.34.56.78"));
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.mobile("06-12-34-56-78"));
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.mobile("+33 6 12 34 56 78"));
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.mobile("+33 (0)6 12 34 56 78"));
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.mobile("+330612345678"));
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.mobile("0033 6 12 34 56 78"));
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.mobile("  0612345678 "));
    }

    @Test
    void overseasMobilesTakeTheirOwnCountryCode() {
        assertEquals(Optional.of("+590690123456"), PhoneNumbers.mobile("0690 12 34 56"), "Guadeloupe");
        assertEquals(Optional.of("+594694123456"), PhoneNumbers.mobile("0694 12 34 56"), "Guyane");
        assertEquals(Optional.of("+596696123456"), PhoneNumbers.mobile("0696 12 34 56"), "Martinique");
        assertEquals(Optional.of("+262692123456"), PhoneNumbers.mobile("0692 12 34 56"), "La Réunion");
        assertEquals(Optional.of("+262639123456"), PhoneNumbers.mobile("0639 12 34 56"), "Mayotte");
    }

    @Test
    void foreignNumbersTypedWithTheirCodeAreKept() {
        assertEquals(Optional.of("+32470123456"), PhoneNumbers.mobile("+32 470 12 34 56"));
        assertEquals(Optional.of("+212612345678"), PhoneNumbers.mobile("00212 6 12 34 56 78"));
    }

    @Test
    void numbersThatCannotReceiveAnSmsAreRefused() {
        assertEquals(Optional.empty(), PhoneNumbers.mobile("01 23 45 67 89"), "Paris landline");
        assertEquals(Optional.empty(), PhoneNumbers.mobile("09 87 65 43 21"), "internet box line");
        assertEquals(Optional.empty(), PhoneNumbers.mobile("+33 1 23 45 67 89"), "landline with code");
        assertEquals(Optional.empty(), PhoneNumbers.mobile("06 12 34 56"), "too short");
        assertEquals(Optional.empty(), PhoneNumbers.mobile("06 12 34 56 78 90"), "too long");
        assertEquals(Optional.empty(), PhoneNumbers.mobile("portable : 06 12 34 56 78"), "words");
        assertEquals(Optional.empty(), PhoneNumbers.mobile(""));
        assertEquals(Optional.empty(), PhoneNumbers.mobile(null));
    }
}
