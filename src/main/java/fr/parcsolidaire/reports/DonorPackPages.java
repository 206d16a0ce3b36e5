package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.security.Permission;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/** The donor pack of a donation as PDFs: receipt, erasure certificate, what became of it (REPORTS). */
final class DonorPackPages implements HttpService {

    private final Guard guard;
    private final DonorPack pack;

    public DonorPackPages(Guard guard, DonorPack pack) {
        this.guard = guard;
        this.pack = pack;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/donations/{id}/receipt.pdf", Permission.REPORTS, (req, res, who) ->
                        ReportPages.sendPdf(res, pack.receipt(id(req)), "recu-don-" + id(req) + ".pdf"))
                .get("/donations/{id}/erasure-certificate.pdf", Permission.REPORTS, (req, res, who) ->
                        ReportPages.sendPdf(res, pack.erasureCertificate(id(req)), "certificat-effacement-don-" + id(req) + ".pdf"))
                .get("/donations/{id}/outcomes.pdf", Permission.REPORTS, (req, res, who) ->
                        ReportPages.sendPdf(res, pack.outcomes(id(req)), "devenir-don-" + id(req) + ".pdf"))
                .get("/donations/{id}/donor-pack.pdf", Permission.REPORTS, (req, res, who) ->
                        ReportPages.sendPdf(res, pack.pack(id(req)), "dossier-donateur-don-" + id(req) + ".pdf"));
    }

    private static long id(ServerRequest req) {
        try {
            return Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Don introuvable.");
        }
    }
}
