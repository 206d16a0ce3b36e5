package fr.parcsolidaire.loans;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.auth.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.openpdf.text.pdf.PdfReader;

/** Beneficiaries and assignments made through the API, as a social worker would. */
final class LoanFixtures {

    private LoanFixtures() {
    }

    static long beneficiary(String lastName, String firstName) {
        JsonObject body = Json.createObjectBuilder().add("lastName", lastName).add("firstName", firstName)
                .add("commune", "Saint-Denis").add("postcode", "93200").add("ageBracket", "FROM_45_TO_59")
                .add("situation", "JOB_SEEKER").add("gdprNoticeOn", LocalDate.now().toString()).build();
        return Http.json(Fixtures.expect(201, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/beneficiaries", body)))
                .getJsonNumber("id").longValue();
    }

    static long loan(String tag, long beneficiaryId) {
        JsonObject body = Json.createObjectBuilder().add("machineTag", tag).add("beneficiaryId", beneficiaryId)
                .add("kind", "LOAN").add("dueOn", LocalDate.now().plusMonths(3).toString())
                .add("accessories", Json.createArrayBuilder().add("Chargeur").add("Souris")).build();
        return Http.json(Fixtures.expect(201, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments", body)))
                .getJsonNumber("id").longValue();
    }

    /** The text of every page, joined, and the page count. */
    record PdfText(String text, int pages) {
    }

    /** Text through poppler's pdftotext (OpenPDF's extractor misses most of a page), page count through OpenPDF. */
    static PdfText text(byte[] pdf) throws IOException {
        Path file = Files.createTempFile("contract", ".pdf");
        try {
            Files.write(file, pdf);
            Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            PdfReader reader = new PdfReader(pdf);
            int pages = reader.getNumberOfPages();
            reader.close();
            return new PdfText(text.replaceAll("\\s+", " "), pages);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
