package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.TestApp;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the service lets a request already in flight finish and answer, instead of cutting it off. */
class GracefulShutdownTest {

    @Test
    void aRequestInFlightWhenTheServiceStopsStillGetsItsAnswer() throws Exception {
        try (ScratchApp scratch = ScratchApp.fresh(Map.of())) {
            int port = scratch.app().server().port();
            byte[] body = ("{\"username\":\"" + ScratchApp.ADMIN_USER + "\",\"password\":\"" + TestApp.PASSWORD + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, 10);
                out.flush();
                // No signal tells when the server has read the headers and waits in the handler for the body:
                // this pause is that moment, generous on a loaded machine.
                Thread.sleep(300);

                // The slow client is mid-request: ask the service to stop, and only then send the rest of the body.
                CompletableFuture<Void> stopping = CompletableFuture.runAsync(scratch::stop);
                assertThrows(TimeoutException.class, () -> stopping.get(1, TimeUnit.SECONDS),
                        "stop() waits for the request in flight");
                assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                        "no new connection once stopping");
                out.write(body, 10, body.length - 10);
                out.flush();

                String response = read(socket.getInputStream());
                assertTrue(response.startsWith("HTTP/1.1 201"), response);
                assertTrue(response.contains("\"token\""), response);
                stopping.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String read(InputStream in) throws Exception {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (text.indexOf("\r\n\r\n") > 0 && text.indexOf("}") > 0) {
                break;
            }
        }
        return text.toString();
    }
}
