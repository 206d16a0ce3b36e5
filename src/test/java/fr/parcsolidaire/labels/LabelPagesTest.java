package fr.parcsolidaire.labels;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The print page: entry from a donation, a selection, a filter and a machine; preview; PDF. */
class LabelPagesTest {

    @Test
    void aDonationsLabelsArePreviewedThenPrinted() throws Exception {
        List<String> tags = Fixtures.intake(4);
        long donation = TestApp.get().count("SELECT donation_id FROM machines WHERE tag = '" + tags.getFirst() + "'");
        Http tech = Http.browser(Role.TECHNICIAN);
        assertTrue(tech.get("/donations/" + donation).body().contains("/labels/print?donation=" + donation));
        HttpResponse<String> page = Fixtures.expect(200, tech.get("/labels/print?donation=" + donation + "&layout=L7160&startAt=2"));
        assertTrue(page.body().contains("<svg"), "a preview of the sheet");
        assertTrue(page.body().contains("4 étiquette(s) sur 1 feuille(s)"));
        tags.forEach(t -> assertTrue(page.body().contains(">" + t + "</text>"), t + " in the preview"));

        HttpResponse<byte[]> pdf = postBytes(tech, "/labels/print", Map.of("tags", String.join("\n", tags),
                "layout", "L7160", "startAt", "2", "action", "pdf"));
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        String text = new PdfTextExtractor(new PdfReader(pdf.body())).getTextFromPage(1);
        tags.forEach(t -> assertTrue(text.contains(t)));
        assertTrue(text.contains("Propriété de Atelier Parc Solidaire"), text);
    }

    @Test
    void aSelectionAFilterAndAMachinePageLeadToThePrintPage() {
        List<String> tags = Fixtures.intake(2);
        Http tech = Http.browser(Role.TECHNICIAN);
        String list = tech.get("/machines").body();
        assertTrue(list.contains("id=\"print-selection\"") && list.contains("value=\"" + tags.getFirst() + "\" form=\"print-selection\""));
        HttpResponse<String> selection = Fixtures.expect(200, tech.get("/labels/print?tags=" + tags.get(0) + "&tags=" + tags.get(1)));
        assertTrue(selection.body().contains("2 étiquette(s)"));
        HttpResponse<String> filter = Fixtures.expect(200, tech.get("/labels/print?q=" + tags.get(1) + "&page=1"));
        assertTrue(filter.body().contains("1 étiquette(s)") && filter.body().contains(">" + tags.get(1) + "</text>"));
        assertTrue(tech.get("/m/" + tags.getFirst()).body().contains("/labels/print?tags=" + tags.getFirst()));
    }

    @Test
    void anUnknownTagShowsTheFormAgainInFrenchAndPrintsNothing() {
        String tag = Fixtures.intake(1).getFirst();
        long before = TestApp.get().count("SELECT count(*) FROM machine_events WHERE kind = 'LABEL_PRINTED'");
        Http tech = Http.browser(Role.TECHNICIAN);
        HttpResponse<String> r = tech.postForm("/labels/print", Map.of("tags", tag + "\nPS-1999-99996", "layout", "L7651",
                "startAt", "1", "action", "pdf"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Aucune machine ne porte le numéro PS-1999-99996"));
        assertTrue(r.body().contains(tag), "what was typed is kept");
        assertEquals(before, TestApp.get().count("SELECT count(*) FROM machine_events WHERE kind = 'LABEL_PRINTED'"));
    }

    private static HttpResponse<byte[]> postBytes(Http session, String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&")) + "&_csrf=" + enc(session.csrf());
        HttpRequest request = session.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return session.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
