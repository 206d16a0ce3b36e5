package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static fr.parcsolidaire.Fixtures.expect;
import static fr.parcsolidaire.Fixtures.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The machine page keeps, with each kept record, the HTML that depends on the record alone (title and state, facts,
 * storage devices, history: {@link MachineHtml}). Whatever changes the record, the next page shows it; what depends on
 * the reader is still decided for each reader.
 */
class MachinePageHtmlTest {

    private final Http tech = Http.api(Role.TECHNICIAN);
    private final Http techPages = Http.browser(Role.TECHNICIAN);
    private final Http adminPages = Http.browser(Role.ADMIN);

    private String page(Http who, String tag) {
        return expect(200, who.get("/m/" + tag)).body();
    }

    @Test
    void eachWriteIsSeenOnTheVeryNextPage() {
        String tag = Fixtures.intake(1).getFirst();
        assertTrue(TestApp.get().app().feature(InventoryFeature.class).remembering(), "the test runs with the memory on");
        assertTrue(page(techPages, tag).contains("Reçue"), "state shown");
        page(techPages, tag);

        expect(303, techPages.postForm("/m/" + tag + "/transition", Map.of("to", "IN_DIAGNOSIS", "note", "Écran fêlé <b>")));
        String diagnosed = page(techPages, tag);
        assertTrue(diagnosed.contains("En diagnostic"), "the new state, in the kept title");
        assertTrue(diagnosed.contains("Écran fêlé &lt;b&gt;"), "the step's note in the history, escaped");

        expect(201, tech.postJson("/api/v1/machines/" + tag + "/storage", Json.createObjectBuilder()
                .add("kind", "SSD").add("capacityGb", 256).add("serial", "SSD-HTML-" + tag).build()));
        assertTrue(page(techPages, tag).contains("série SSD-HTML-" + tag), "the new device in the storage section");

        expect(303, techPages.postForm("/m/" + tag + "/specs", Map.of("cpu", "Intel i5-8350U", "note", "relevé")));
        assertTrue(page(techPages, tag).contains("<dt>Processeur</dt><dd>Intel i5-8350U</dd>"), "the corrected facts");

        expect(200, techPages.postForm("/scan/batch", Map.of("tags", tag, "action", "location", "location", "Étagère H4")));
        assertTrue(page(adminPages, tag).contains("<dt>Rangement</dt><dd>Étagère H4</dd>"), "the new location, for another reader too");
    }

    @Test
    void aChangeMadeInSqlIsSeenOncePostgresqlHasAnnouncedIt() {
        String tag = Fixtures.intake(1).getFirst();
        page(techPages, tag);
        long donor = TestApp.get().count("SELECT d.id FROM donors d JOIN donations n ON n.donor_id = d.id "
                + "JOIN machines m ON m.donation_id = n.id WHERE m.tag = '" + tag + "'");
        TestApp.get().sql("UPDATE donors SET name = 'Donateur « page » " + tag + "' WHERE id = " + donor);
        assertTrue(page(techPages, tag).contains("Donateur « page » " + tag), "the donor's new name in the kept facts");
        TestApp.get().sql("UPDATE machines SET serial = 'SN-<PAGE>-" + tag + "' WHERE tag = '" + tag + "'");
        assertTrue(page(adminPages, tag).contains("SN-&lt;PAGE&gt;-" + tag), "the new serial, escaped");
    }

    @Test
    void whatDependsOnTheReaderIsStillDecidedPerReader() {
        String tag = Fixtures.intake(1).getFirst();
        String asTechnician = page(techPages, tag);
        String asAdmin = page(adminPages, tag);
        String asSocialWorker = page(Http.browser(Role.SOCIAL_WORKER), tag);
        for (String page : new String[] {asTechnician, asAdmin, asSocialWorker}) {
            assertEquals(1, count(page, "<h2>Historique</h2>"), "one history");
            assertTrue(page.contains("<dl class=\"facts\">"));
        }
        assertTrue(asTechnician.contains("Étapes de reconditionnement"), "a technician writes");
        assertFalse(asSocialWorker.contains("Étapes de reconditionnement"), "a social worker does not");
        assertFalse(asSocialWorker.contains("action=\"/m/" + tag + "/transition\""));
        assertTrue(asTechnician.contains(techPages.csrf()), "each reader's own CSRF token");
        assertTrue(asAdmin.contains(adminPages.csrf()));
        assertFalse(asAdmin.contains(techPages.csrf()), "never another reader's token");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
