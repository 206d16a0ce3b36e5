package fr.parcsolidaire.platform.http;

import io.helidon.webserver.http.ServerRequest;

/**
 * What the shared layout needs to know of the request it renders, without every page passing it along: the path
 * (the navigation marks its link {@code aria-current="page"}) and the confirmation key of a redirect after a save.
 * Set by the Guard around each route on the request's own (virtual) thread.
 */
public final class CurrentRequest {

    private record Facts(String path, String saved) {
    }

    private static final ThreadLocal<Facts> FACTS = new ThreadLocal<>();

    private CurrentRequest() {
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    static void during(ServerRequest req, Work work) throws Exception {
        Facts before = FACTS.get();
        FACTS.set(new Facts(req.path().path(), req.query().first("saved").orElse(null)));
        try {
            work.run();
        } finally {
            if (before == null) {
                FACTS.remove();
            } else {
                FACTS.set(before);
            }
        }
    }

    static String saved() {
        Facts f = FACTS.get();
        return f == null ? null : f.saved();
    }

    /**
     * "page" when the navigation link {@code href} is the current page or the section it leads to
     * ({@code /machines} for {@code /machines?state=READY}), for {@code aria-current}; null otherwise.
     */
    public static String ariaCurrent(String href) {
        Facts f = FACTS.get();
        if (f == null) {
            return null;
        }
        boolean current = href.equals("/") ? f.path().equals("/") : f.path().equals(href) || f.path().startsWith(href + "/");
        return current ? "page" : null;
    }
}
