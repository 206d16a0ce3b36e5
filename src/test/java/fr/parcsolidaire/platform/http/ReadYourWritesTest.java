package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The marks of read-your-writes across instances (docs/operations.md, « Plusieurs instances »): every write that changed
 * what an instance keeps in memory answers with its time, as a header and a cookie (a login or a refused write does not); a read that carries a recent one waits for this instance's memories to catch
 * up, any other read does not. ClusterTest shows the whole of it between two instances.
 */
class ReadYourWritesTest {

    private static final AtomicInteger CATCH_UPS = new AtomicInteger();
    private static final AtomicBoolean NOTICES_LOST = new AtomicBoolean();

    @BeforeAll
    static void countCatchUps() {
        TestApp.get().app().database().freshness().register(timeout -> {
            CATCH_UPS.incrementAndGet();
            if (NOTICES_LOST.get()) {
                throw new TimeoutException("no notice heard within " + timeout);
            }
        });
    }

    @Test
    void aWriteAnswersWithItsTimeAsHeaderAndCookie() {
        String tag = Fixtures.intake(1).getFirst();
        long before = System.currentTimeMillis();
        HttpResponse<String> r = Fixtures.expect(200, Http.api(Role.TECHNICIAN).postJson("/api/v1/machines/" + tag + "/transitions",
                "{\"to\":\"IN_DIAGNOSIS\"}"));
        long at = Long.parseLong(r.headers().firstValue("Parc-Written-At").orElseThrow());
        assertTrue(at >= before && at <= System.currentTimeMillis(), "time of the write: " + at);
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ps_written=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("Max-Age=5"), cookie);
    }

    @Test
    void aWriteThatChangesNothingKeptInMemoryCarriesNoMark() {
        HttpResponse<String> refused = Http.api(Role.TECHNICIAN).postJson("/api/v1/machines/PS-1999-99999/transitions",
                "{\"to\":\"IN_DIAGNOSIS\"}");
        assertEquals(404, refused.statusCode(), refused.body());
        assertNoMark(refused);
        HttpResponse<String> login = Http.anonymous().postJson("/api/v1/auth/token", Json.createObjectBuilder()
                .add("username", TestApp.get().username(Role.TECHNICIAN)).add("password", TestApp.PASSWORD).build().toString());
        assertEquals(201, login.statusCode(), login.body());
        assertNoMark(login);
    }

    private static void assertNoMark(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("Parc-Written-At").isEmpty(), "no mark: " + r.headers().map());
        assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("ps_written=")), r.headers().map().toString());
    }

    @Test
    void aReadWithARecentMarkWaitsForTheMemoriesAndOtherReadsDoNot() {
        Http api = Http.api(Role.TECHNICIAN);
        int start = CATCH_UPS.get();
        assertEquals(200, api.send(api.request("/health").GET().build()).statusCode());
        assertEquals(start, CATCH_UPS.get(), "no mark, no wait");

        api.send(api.request("/health").header("Parc-Written-At", Long.toString(System.currentTimeMillis() - 60_000)).GET().build());
        assertEquals(start, CATCH_UPS.get(), "a write of a minute ago is known everywhere by now");

        api.send(api.request("/health").header("Parc-Written-At", Long.toString(System.currentTimeMillis())).GET().build());
        assertEquals(start + 1, CATCH_UPS.get(), "a write just made: the memories catch up first");

        api.send(api.request("/health").header("Cookie", "ps_written=" + System.currentTimeMillis()).GET().build());
        assertEquals(start + 2, CATCH_UPS.get(), "the browser's cookie counts the same");

        api.send(api.request("/static/app.js").header("Cookie", "ps_written=" + System.currentTimeMillis()).GET().build());
        assertEquals(start + 2, CATCH_UPS.get(), "files of the jar owe nothing to the database");
    }

    @Test
    void aReadThatCannotCatchUpIsRefusedRatherThanServedStale() {
        Http api = Http.api(Role.TECHNICIAN);
        NOTICES_LOST.set(true);
        try {
            HttpResponse<String> r = api.send(api.request("/api/v1/machines/PS-1999-99999")
                    .header("Parc-Written-At", Long.toString(System.currentTimeMillis())).GET().build());
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
            assertTrue(r.body().contains("réessayez dans un instant"), r.body());
            assertEquals(200, api.send(api.request("/health").GET().build()).statusCode(), "without a mark nothing waits");
        } finally {
            NOTICES_LOST.set(false);
        }
        assertEquals(200, api.send(api.request("/health").header("Parc-Written-At", Long.toString(System.currentTimeMillis()))
                .GET().build()).statusCode(), "once the notices are heard again");
    }
}
