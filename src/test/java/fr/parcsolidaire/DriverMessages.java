package fr.parcsolidaire;

import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The PostgreSQL driver's protocol messages (" FE=> Sync", " <=BE ReadyForQuery", …, logged at FINEST) sent for the
 * requests while some code runs. Requests run on virtual threads; the record loader, the notice sender and the listener
 * on threads of their own, whose messages are left out. One way to count round trips and statements, shared by the
 * tests and benches that pin them.
 */
public final class DriverMessages {

    private static final Logger DRIVER = Logger.getLogger("org.postgresql");

    private DriverMessages() {
    }

    /** Runs {@code code} and hands {@code listener} each driver message logged meanwhile on a request's thread. */
    public static void watch(Runnable code, Consumer<LogRecord> listener) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                Thread t = Thread.currentThread();
                if (t.isVirtual() && !t.getName().equals("machine-loader") && r.getMessage() != null) {
                    listener.accept(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        DRIVER.addHandler(handler);
        DRIVER.setLevel(Level.FINEST);
        try {
            code.run();
        } finally {
            DRIVER.setLevel(null);
            DRIVER.removeHandler(handler);
        }
    }
}
