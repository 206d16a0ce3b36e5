package fr.parcsolidaire.labels;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.loans.LoanFixtures;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A machine's label and its loan contract are printed by the same service, with the same base URL configuration
 * (none here, as in a fresh install): both QR codes must lead to the same address.
 */
class PublicUrlTest {

    @Test
    void theLabelAndTheContractOfAMachinePointAtTheSameAddress() throws Exception {
        String tag = Fixtures.readyMachine();
        long assignment = LoanFixtures.loan(tag, LoanFixtures.beneficiary("Durand", "Léa"));

        Http tech = Http.api(Role.TECHNICIAN);
        HttpRequest print = tech.request("/api/v1/labels").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("layout", "QL-62x29")
                        .add("tags", Json.createArrayBuilder().add(tag)).build().toString())).build();
        HttpResponse<byte[]> label = java.net.http.HttpClient.newHttpClient().send(print, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, label.statusCode());
        HttpResponse<byte[]> contract = Http.api(Role.SOCIAL_WORKER).getBytes("/api/v1/assignments/" + assignment + "/contract.pdf");
        assertEquals(200, contract.statusCode());

        Optional<String> onLabel = qr(label.body());
        Optional<String> onContract = qr(contract.body());
        assertTrue(onLabel.isPresent(), "the label's QR reads");
        assertTrue(onLabel.get().endsWith("/M/" + tag), onLabel.get());
        assertEquals(onLabel, onContract, "same machine, same service, same address");
    }

    private static Optional<String> qr(byte[] pdf) throws Exception {
        BufferedImage page = Raster.page(pdf, 1);
        return Raster.decode(page);
    }
}
