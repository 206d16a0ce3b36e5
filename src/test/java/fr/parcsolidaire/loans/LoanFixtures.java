package fr.parcsolidaire.loans;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.time.LocalDate;

/** Beneficiaries and assignments made through the API, as a social worker would. */
public final class LoanFixtures {

    private LoanFixtures() {
    }

    public static long beneficiary(String lastName, String firstName) {
        JsonObject body = Json.createObjectBuilder().add("lastName", lastName).add("firstName", firstName)
                .add("commune", "Saint-Denis").add("postcode", "93200").add("ageBracket", "FROM_45_TO_59")
                .add("situation", "JOB_SEEKER").add("gdprNoticeOn", LocalDate.now().toString()).build();
        return Http.json(Fixtures.expect(201, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/beneficiaries", body)))
                .getJsonNumber("id").longValue();
    }

    public static long loan(String tag, long beneficiaryId) {
        JsonObject body = Json.createObjectBuilder().add("machineTag", tag).add("beneficiaryId", beneficiaryId)
                .add("kind", "LOAN").add("dueOn", LocalDate.now().plusMonths(3).toString())
                .add("accessories", Json.createArrayBuilder().add("Chargeur").add("Souris")).build();
        return Http.json(Fixtures.expect(201, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments", body)))
                .getJsonNumber("id").longValue();
    }

    /** The text of every page, joined, and the page count. */
    record PdfText(String text, int pages) {
    }

    static PdfText text(byte[] pdf) {
        return new PdfText(fr.parcsolidaire.PdfText.of(pdf).replaceAll("\\s+", " "), fr.parcsolidaire.PdfText.pages(pdf));
    }
}
