package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.pdf.QrCode;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The evidence pages: an archived file's download, the bulk import of a ShredOS stick's folder, the workbench token
 * a technician prepares on a machine's page (and revokes), and the workbench script itself.
 */
final class EvidencePages implements HttpService {

    /** The script, read once: it is a file of the repository (src/main/resources/evidence/workbench.sh). */
    private static final byte[] WORKBENCH = resource("/evidence/workbench.sh");

    private final Guard guard;
    private final Pages pages;
    private final PublicUrls urls;
    private final EvidenceService evidence;
    private final WorkbenchTokens tokens;

    EvidencePages(Guard guard, Pages pages, PublicUrls urls, EvidenceService evidence, WorkbenchTokens tokens) {
        this.guard = guard;
        this.pages = pages;
        this.urls = urls;
        this.evidence = evidence;
        this.tokens = tokens;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/evidence-files/{id}", Permission.INVENTORY_READ, this::download)
                .get("/erasure-logs", Permission.INVENTORY_WRITE, (req, res, who) ->
                        pages.render(res, "evidence/bulk.jte", Map.of("me", who)))
                .post("/m/{tag}/workbench", Permission.INVENTORY_WRITE, this::prepare)
                .post("/m/{tag}/workbench/{id}/revoke", Permission.INVENTORY_WRITE, (req, res, who) -> {
                    String tag = EvidenceApi.tag(req);
                    tokens.revoke(tag, id(req), who.user());
                    Pages.redirect(res, "/m/" + tag + "?saved=workbench-revoked");
                })
                .get("/workbench.sh", Permission.INVENTORY_WRITE, (req, res, who) -> {
                    res.headers().contentType(io.helidon.common.media.type.MediaTypes.TEXT_PLAIN);
                    res.header(HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"workbench.sh\"");
                    res.send(WORKBENCH);
                });
    }

    private void download(ServerRequest req, ServerResponse res, Principal who) {
        EvidenceService.StoredFile file = evidence.file(id(req));
        res.headers().contentType(io.helidon.common.media.type.MediaTypes.create(file.mediaType()));
        // Always a download: an archived log is someone else's text, never a page of ours.
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + ascii(file.fileName())
                + "\"; filename*=UTF-8''" + URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8).replace("+", "%20"));
        res.header(HeaderNames.create("X-Content-SHA256"), file.sha256());
        res.send(file.content());
    }

    private void prepare(ServerRequest req, ServerResponse res, Principal who) {
        String tag = EvidenceApi.tag(req);
        WorkbenchTokens.Prepared token = tokens.prepare(tag, who.user());
        String base = urls.base(req);
        String download = "curl -fsS -H 'Authorization: Bearer " + token.code() + "' " + base + "/workbench.sh -o workbench.sh";
        String run = "sudo bash workbench.sh --server " + base + " --machine " + tag + " --code " + token.code();
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("tag", tag);
        params.put("code", token.code());
        params.put("expiresAt", fr.parcsolidaire.platform.http.Formats.dateTime(token.expiresAt()));
        params.put("download", download);
        params.put("run", run);
        params.put("qr", svg(download + " && " + run));
        pages.render(res, Status.OK_200, "evidence/workbench.jte", params);
    }

    /** The QR as an SVG path of its dark runs: vector, sharp at any zoom, no image to serve. */
    static String svg(String text) {
        QrCode qr = QrCode.encode(text, ErrorCorrectionLevel.M);
        int size = qr.modules() + 2 * QrCode.QUIET_ZONE_MODULES;
        StringBuilder path = new StringBuilder();
        qr.forEachRun((row, start, length) -> path.append('M').append(start + QrCode.QUIET_ZONE_MODULES).append(' ')
                .append(row + QrCode.QUIET_ZONE_MODULES).append('h').append(length).append("v1h-").append(length).append('z'));
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" role=\"img\" "
                + "aria-label=\"QR code des commandes du poste de travail\" class=\"qr\"><rect width=\"" + size + "\" height=\""
                + size + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static long id(ServerRequest req) {
        try {
            return Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Identifiant inconnu.");
        }
    }

    private static String ascii(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
        }
        return b.toString();
    }

    private static byte[] resource(String path) {
        try (InputStream in = EvidencePages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
