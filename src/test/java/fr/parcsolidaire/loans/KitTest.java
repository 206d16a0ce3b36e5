package fr.parcsolidaire.loans;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several items under one contract, and their return item by item. */
class KitTest {

    private final TestApp app = TestApp.get();

    @Test
    void oneContractListsEveryItemWithItsTagAndSerialAndItemsComeBackOneByOne() {
        String laptop = Fixtures.readyMachine();
        String screen = JourneyFixtures.machine("atelier", "SCREEN", "A", "22", null, false);
        String mouse = JourneyFixtures.machine("atelier", "ACCESSORY", "B", null, null, false);
        long person = LoanFixtures.beneficiary("Lot", "Kenza");
        Http social = Http.api(Role.SOCIAL_WORKER);
        long id = Http.json(Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("machineTag", laptop).add("beneficiaryId", person).add("kind", "LOAN")
                .add("dueOn", LocalDate.now().plusMonths(3).toString())
                .add("items", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("tag", screen.toLowerCase()))
                        .add(Json.createObjectBuilder().add("tag", mouse))
                        .add(Json.createObjectBuilder().add("name", "Sacoche").add("quantity", 1))
                        .add(Json.createObjectBuilder().add("name", "Clé 4G").add("quantity", 2)))
                .build()))).getJsonNumber("id").longValue();

        LoanFixtures.PdfText pdf = LoanFixtures.text(social.getBytes("/api/v1/assignments/" + id + "/contract.pdf").body());
        for (String tag : new String[] {laptop, screen, mouse}) {
            assertTrue(pdf.text().contains(tag), tag + " in " + pdf.text());
            assertTrue(pdf.text().contains(JourneyFixtures.serial(tag)), "serial of " + tag + " in " + pdf.text());
        }
        assertTrue(pdf.text().contains("Les autres éléments du lot"), pdf.text());
        assertTrue(pdf.text().contains("Sacoche") && pdf.text().contains("Clé 4G"), pdf.text());
        assertEquals(3, app.count("SELECT count(*) FROM machines WHERE state = 'ASSIGNED' AND tag IN ('" + laptop + "', '"
                + screen + "', '" + mouse + "')"));

        JsonArray items = JourneyFixtures.array(Fixtures.expect(200, social.get("/api/v1/assignments/" + id + "/items")));
        assertEquals(4, items.size());
        long screenItem = items.getJsonObject(0).getJsonNumber("id").longValue();
        long bagItem = items.getJsonObject(2).getJsonNumber("id").longValue();
        JsonArray after = JourneyFixtures.array(Fixtures.expect(200, social.postJson("/api/v1/kit-items/" + screenItem + "/return",
                Json.createObjectBuilder().add("condition", "GOOD").build())));
        assertTrue(after.getJsonObject(0).containsKey("returnedOn"), after.toString());
        assertFalse(after.getJsonObject(2).containsKey("returnedOn"), "the bag is kept");
        assertEquals(1, app.count("SELECT count(*) FROM machines WHERE state = 'IN_DIAGNOSIS' AND tag = '" + screen + "'"));
        assertEquals(1, app.count("SELECT count(*) FROM machines WHERE state = 'ASSIGNED' AND tag = '" + laptop + "'"));
        assertEquals(1, app.count("SELECT count(*) FROM assignment_item_events WHERE item_id = " + screenItem + " AND kind = 'RETURNED'"));
        HttpResponse<String> twice = social.postJson("/api/v1/kit-items/" + screenItem + "/return",
                Json.createObjectBuilder().add("condition", "GOOD").build());
        assertEquals(409, twice.statusCode());
        assertEquals("Cet élément est déjà restitué.", Http.json(twice).getString("message"));

        String page = Http.browser(Role.SOCIAL_WORKER).get("/assignments/" + id + "/items").body();
        assertTrue(page.contains("restitué le") && page.contains("chez la personne"), page);
        assertTrue(page.contains("/kit-items/" + bagItem + "/return"), "the bag can still come back");
    }

    @Test
    void aKitWithoutMachineTagTakesItsFirstTaggedItemAndOneBadItemKeepsNothing() {
        String laptop = Fixtures.readyMachine();
        String notReady = Fixtures.intake(1).getFirst();
        String other = Fixtures.readyMachine();
        long person = LoanFixtures.beneficiary("Lot", "Jules");
        Http social = Http.api(Role.SOCIAL_WORKER);
        HttpResponse<String> refused = social.postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("beneficiaryId", person).add("kind", "GIFT")
                .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("tag", laptop))
                        .add(Json.createObjectBuilder().add("tag", notReady))).build());
        assertEquals(409, refused.statusCode(), refused.body());
        JsonObject body = Http.json(refused);
        assertTrue(body.getString("message").contains("n'est pas prête"), body.toString());
        assertTrue(body.getJsonObject("fields").containsKey("items[0].tag"), body.toString());
        assertEquals(0, app.count("SELECT count(*) FROM assignments WHERE beneficiary_id = " + person));
        assertEquals(1, app.count("SELECT count(*) FROM machines WHERE state = 'READY' AND tag = '" + laptop + "'"));

        HttpResponse<String> invalid = social.postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("machineTag", laptop).add("beneficiaryId", person).add("kind", "GIFT")
                .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("tag", other).add("name", "Écran"))
                        .add(Json.createObjectBuilder()).add(Json.createObjectBuilder().add("name", "Souris").add("quantity", 99)))
                .build());
        assertEquals(400, invalid.statusCode());
        JsonObject fields = Http.json(invalid).getJsonObject("fields");
        assertTrue(fields.getString("items[0].tag").contains("pas les deux"), fields.toString());
        assertTrue(fields.containsKey("items[1].name"), fields.toString());
        assertTrue(fields.containsKey("items[2].quantity"), fields.toString());

        long id = Http.json(Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("beneficiaryId", person).add("kind", "GIFT")
                .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "Souris").add("quantity", 1))
                        .add(Json.createObjectBuilder().add("tag", laptop))).build()))).getJsonNumber("id").longValue();
        assertEquals(laptop, Http.json(social.get("/api/v1/assignments/" + id)).getString("tag"));
        JsonArray items = JourneyFixtures.array(social.get("/api/v1/assignments/" + id + "/items"));
        assertEquals(1, items.size());
        HttpResponse<String> giftItem = social.postJson("/api/v1/kit-items/" + items.getJsonObject(0).getJsonNumber("id")
                + "/return", Json.createObjectBuilder().add("condition", "GOOD").build());
        assertEquals(409, giftItem.statusCode());
    }
}
