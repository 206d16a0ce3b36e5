package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Evidence for the demo data (./parc start --demo): a real nwipe 0.42 log (made on a loop device, its serial put in
 * as a real disk's would be) imported on one machine in reconditioning, and a failing SMART report (made up for the
 * demo, in smartctl's shape) on another, whose page then shows the blocking disk.
 */
final class EvidenceDemo {

    private EvidenceDemo() {
    }

    static void load(Database database, EvidenceService service, long actorId) {
        List<String[]> machines = database.client().execute().createNamedQuery("evidence-demo-machines").execute()
                .map(r -> new String[] {Rows.text(r, "tag"), Rows.text(r, "serial")}).toList();
        if (!machines.isEmpty()) {
            service.importWipeReport(machines.get(0)[0], "nwipe_log_20261128-060939.txt",
                    withSerial("nwipe_log_demo.txt", machines.get(0)[1]), actorId);
        }
        if (machines.size() > 1) {
            service.importSmart(machines.get(1)[0], "smartctl-sda.json",
                    withSerial("smartctl-failing.json", machines.get(1)[1]), actorId);
        }
    }

    private static byte[] withSerial(String file, String serial) {
        try (InputStream in = EvidenceDemo.class.getResourceAsStream("/evidence/demo/" + file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@SERIAL@", serial)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
