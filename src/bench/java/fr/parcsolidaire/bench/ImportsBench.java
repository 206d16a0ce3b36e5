package fr.parcsolidaire.bench;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.imports.ImportOutcome;
import fr.parcsolidaire.imports.ImportReport;
import fr.parcsolidaire.imports.ImportRequest;
import fr.parcsolidaire.imports.ImportsApp;
import fr.parcsolidaire.imports.InventoryFiles;
import fr.parcsolidaire.imports.MachineImportService;

import java.util.List;
import java.util.UUID;

/**
 * Importing a generated 10 000-row inventory (issue 16: dry run and commit in under 10 s), as CSV (Windows-1252, ";")
 * and as XLSX, into a database of its own that grows by 10 000 machines at each round. The service is called
 * directly: the figures are the import's own (reading, checks, batched inserts), without the upload.
 */
final class ImportsBench {

    private static final int ROWS = 10_000;
    private static final int ROUNDS = 3;

    private ImportsBench() {
    }

    static void run() {
        try (ImportsApp app = ImportsApp.start()) {
            measure(app);
        }
    }

    private static void measure(ImportsApp app) {
        MachineImportService service = app.service();
        User technician = app.technician();
        // Warm-up: class loading and JIT on small files of both kinds (the XLSX reader is other code), not measured.
        for (int i = 0; i < 3; i++) {
            List<String[]> small = InventoryFiles.rows(500, "warm" + i + UUID.randomUUID().toString().substring(0, 6), "atelier");
            service.commit("warm.csv", InventoryFiles.csv(small.subList(0, 250)), ImportRequest.guessed(), technician);
            service.commit("warm.xlsx", InventoryFiles.xlsx(small.subList(250, 500)), ImportRequest.guessed(), technician);
        }
        for (int round = 1; round <= ROUNDS; round++) {
            for (String format : List.of("csv", "xlsx")) {
                String run = format + round + "-" + UUID.randomUUID().toString().substring(0, 6);
                List<String[]> rows = InventoryFiles.rows(ROWS, run, "atelier");
                byte[] file = format.equals("csv") ? InventoryFiles.csv(rows) : InventoryFiles.xlsx(rows);
                long machinesBefore = app.count("SELECT count(*) FROM machines");
                long t0 = System.nanoTime();
                ImportReport dry = service.dryRun("bench." + format, file, ImportRequest.guessed(), technician);
                long t1 = System.nanoTime();
                ImportOutcome done = service.commit("bench." + format, file, ImportRequest.guessed(), technician);
                long t2 = System.nanoTime();
                if (!dry.importable() || done.tags().size() != ROWS) {
                    throw new IllegalStateException("bench import failed: " + dry.issues());
                }
                System.out.printf("imports %s %d lignes (%d Ko, %d machines déjà en base) : vérification %.0f ms, "
                                + "import %.0f ms, total %.0f ms%n", format, ROWS, file.length / 1024, machinesBefore,
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6);
            }
        }
    }
}
