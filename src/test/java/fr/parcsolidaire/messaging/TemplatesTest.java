package fr.parcsolidaire.messaging;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplatesTest {

    /** Long but real values: the texts must read well and an SMS stay short with them. */
    private static Map<String, String> values() {
        Map<String, String> v = new HashMap<>();
        v.put("firstName", "Marie-Françoise");
        v.put("lastName", "N'Diaye-Lefèvre");
        v.put("item", "votre ordinateur");
        v.put("machine", "Lenovo ThinkPad X270, n° PS-2026-00042");
        v.put("dueOn", "mercredi 30 septembre 2026");
        v.put("site", "Atelier Parc Solidaire");
        v.put("structure", "Parc Solidaire");
        return v;
    }

    private final Templates templates = new Templates();

    /** The texts of the workshop and follow-up reminders (course and outcomes, wired in Main). */
    @Test
    void theWorkshopAndFollowUpRemindersRenderForEveryChannelAndStayShortBySms() {
        Map<String, String> v = values();
        v.put("day", "mercredi 30 septembre 2026");
        v.put("time", "14 h 30");
        v.put("topic", "Faire ses démarches en ligne sur le site de la CAF");
        v.put("months", "6");
        for (String name : List.of("workshop-soon", "follow-up-due")) {
            for (Channel channel : Channel.values()) {
                Templates.Rendered r = templates.render(name, channel, v);
                assertFalse(r.body().contains("{") || r.body().contains("}") || r.body().contains("#"), name + " " + channel + ": " + r.body());
                if (channel == Channel.SMS) {
                    assertFalse(r.body().contains("\n"), "an SMS is one line");
                    assertTrue(r.body().length() <= 201, r.body().length() + " characters: " + r.body());
                } else {
                    assertTrue(r.body().startsWith("Bonjour Marie-Françoise"), r.body());
                }
                assertTrue(r.body().contains(name.equals("workshop-soon") ? "14 h 30" : "6 mois"), r.body());
            }
        }
    }

    @Test
    void everyReminderRendersForEveryChannelWithNoPlaceholderLeft() {
        for (String name : List.of("loan-due-soon", "loan-overdue")) {
            for (Channel channel : Channel.values()) {
                Templates.Rendered r = templates.render(name, channel, values());
                assertFalse(r.body().contains("{") || r.body().contains("}"), name + " " + channel + ": " + r.body());
                assertFalse(r.body().contains("#"), "notes for editors stay out: " + r.body());
                assertTrue(r.body().contains("mercredi 30 septembre 2026"), r.body());
                if (channel == Channel.SMS) {
                    assertNull(r.subject());
                    assertFalse(r.body().contains("\n"), "an SMS is one line");
                    // Two SMS at most even in UCS-2 ("prêt" has a letter outside the GSM alphabet): 2 x 67 characters
                    // would be too tight for a useful text; three segments (201) is the bound we hold to.
                    assertTrue(r.body().length() <= 201, r.body().length() + " characters: " + r.body());
                } else {
                    assertTrue(r.subject().contains("30 septembre 2026"), r.subject());
                    assertTrue(r.body().startsWith("Bonjour Marie-Françoise"), r.body());
                    assertTrue(r.body().contains("Lenovo ThinkPad X270, n° PS-2026-00042"), r.body());
                }
            }
        }
    }

    @Test
    void theDueSoonEmailSaysWhatToDoInPlainFrench() {
        Templates.Rendered r = templates.render("loan-due-soon", Channel.EMAIL, values());
        assertEquals("Rappel : le prêt de votre ordinateur se termine le mercredi 30 septembre 2026", r.subject());
        assertTrue(r.body().contains("Merci de rapporter votre ordinateur à Atelier Parc Solidaire ce jour-là."), r.body());
        assertTrue(r.body().contains("accepté les rappels par e-mail"), r.body());
    }

    @Test
    void aValueCannotOpenANewLineOrHeader() {
        Map<String, String> v = values();
        v.put("firstName", Templates.value("Awa\r\nBcc: tous@exemple.fr"));
        Templates.Rendered r = templates.render("loan-due-soon", Channel.EMAIL, v);
        assertTrue(r.body().startsWith("Bonjour Awa Bcc: tous@exemple.fr,"), r.body());
        assertEquals("", Templates.value(null));
        assertEquals(200, Templates.value("x".repeat(500)).length());
    }

    @Test
    void aMissingValueIsAMistakeNotAMessage() {
        Map<String, String> v = values();
        v.remove("dueOn");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> templates.render("loan-due-soon", Channel.SMS, v));
        assertTrue(e.getMessage().contains("{dueOn}"), e.getMessage());
    }

    @Test
    void filesAreCheckedForTheirShape() {
        assertThrows(IllegalStateException.class, () -> Templates.parse("Bonjour", Channel.EMAIL, "x.email.txt"),
                "an e-mail needs its Objet line");
        assertThrows(IllegalStateException.class, () -> Templates.parse("Objet : rappel\n\n", Channel.LETTER, "x.letter.txt"),
                "and a text");
        assertThrows(IllegalStateException.class, () -> Templates.parse("# note only\n", Channel.SMS, "x.sms.txt"));
        Templates.Template t = Templates.parse("# note\nObjet : Rappel {a}\n\nLigne 1\nLigne 2\n", Channel.EMAIL, "x");
        assertEquals("Rappel {a}", t.subject());
        assertEquals("Ligne 1\nLigne 2", t.body());
        assertThrows(IllegalArgumentException.class, () -> templates.render("../secret", Channel.SMS, values()));
        assertThrows(IllegalStateException.class, () -> templates.render("no-such-message", Channel.SMS, values()));
    }
}
