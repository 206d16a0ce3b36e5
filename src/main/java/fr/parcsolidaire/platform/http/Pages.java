package fr.parcsolidaire.platform.http;

import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/** Renders the JTE templates (precompiled at build time, escaped by context) into responses. */
public final class Pages {

    private static final HttpMediaType HTML = HttpMediaType.create(MediaTypes.TEXT_HTML).withCharset("UTF-8");

    /** The package jte compiles the templates into (pom.xml): src/main/jte/inventory/x.jte is fr.parcsolidaire.inventory. */
    private static final String TEMPLATES = "fr.parcsolidaire";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null, TEMPLATES);

    public void render(ServerResponse res, String template, Map<String, Object> params) {
        render(res, Status.OK_200, template, params);
    }

    public void render(ServerResponse res, Status status, String template, Map<String, Object> params) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(template, params, out);
        res.status(status);
        res.headers().contentType(HTML);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        // One write of headers and body: streaming the page in pieces met delayed ACKs (40 ms per page).
        res.send(out.toByteArray());
    }

    /**
     * A template rendered later, inside another page (a feature's section on another feature's page, a home page's
     * section ({@link HomeSection})): written into that page's output, escaped the same way.
     */
    public Content fragment(String template, Map<String, Object> params) {
        return output -> engine.render(template, params, output);
    }

    public static void redirect(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, location).send();
    }
}
