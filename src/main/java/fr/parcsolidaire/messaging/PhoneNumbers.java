package fr.parcsolidaire.messaging;

import java.util.Map;
import java.util.Optional;

/**
 * Phone numbers as an SMS gateway wants them (E.164, "+33612345678"), from what social workers type
 * ("06 12 34 56 78", "+33 (0)6 12…", "0033 6…"). Only numbers that can receive an SMS pass: French mobiles
 * (06, 07), overseas mobiles with their own country code (0690 Guadeloupe is +590 690…), and foreign numbers
 * typed with their "+" code, which are taken as they are.
 */
final class PhoneNumbers {

    /** Overseas mobile prefixes (after the 0) and the country code their E.164 form takes (ARCEP numbering plan). */
    private static final Map<String, String> OVERSEAS = Map.of(
            "690", "590", "691", "590",   // Guadeloupe, Saint-Martin, Saint-Barthélemy
            "694", "594",                 // Guyane
            "696", "596", "697", "596",   // Martinique
            "692", "262", "693", "262",   // La Réunion
            "639", "262");                // Mayotte

    private PhoneNumbers() {
    }

    static Optional<String> mobile(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String s = typed.replaceAll("[\\s.\\-/]", "").replace("(0)", "");
        if (!s.matches("^(\\+|00)?[0-9]{6,16}$")) {
            return Optional.empty();
        }
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        }
        if (s.startsWith("+33")) {
            String national = s.substring(3);
            return national(national.startsWith("0") ? national : "0" + national);
        }
        if (s.startsWith("+")) {
            return s.length() >= 9 && s.length() <= 16 ? Optional.of(s) : Optional.empty();
        }
        return national(s);
    }

    /** A French number written with its leading 0 (ten digits). */
    private static Optional<String> national(String s) {
        if (!s.matches("^0[67][0-9]{8}$")) {
            return Optional.empty();
        }
        String overseas = OVERSEAS.get(s.substring(1, 4));
        return Optional.of(overseas != null ? "+" + overseas + s.substring(1) : "+33" + s.substring(1));
    }
}
