package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.RetryLater;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImportSlotsTest {

    @Test
    void importsBeyondTheConcurrencyCapAreToldToComeBackLater() {
        ImportLimits one = new ImportLimits(1024, 100, 10, 10, 10, 1024, 1);
        MachineImportService service = new MachineImportService(null, Clock.systemUTC(), one, Duration.ZERO);
        String inside = service.inSlot(() -> {
            RetryLater busy = assertThrows(RetryLater.class, () -> service.inSlot(() -> "second"));
            assertEquals(503, busy.status().code());
            assertEquals(60, busy.seconds());
            assertEquals("D'autres imports sont en cours de lecture : réessayez dans une minute.", busy.getMessage());
            return "first";
        });
        assertEquals("first", inside);
        assertEquals("again", service.inSlot(() -> "again"), "the slot is given back");
        assertThrows(IllegalStateException.class, () -> service.inSlot(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("after a failure", service.inSlot(() -> "after a failure"), "given back after a failure too");
    }

    @Test
    void aSerialOrTagTakenMeanwhileIsAFrenchConflictAndOtherFailuresPassThrough() {
        RuntimeException unique = new RuntimeException("insert failed",
                new java.sql.SQLException("duplicate key value violates unique constraint", "23505"));
        fr.parcsolidaire.platform.http.HttpProblem conflict = (fr.parcsolidaire.platform.http.HttpProblem) MachineImportService.raced(unique);
        assertEquals(409, conflict.status().code());
        assertEquals("Un numéro de série ou d'inventaire du fichier vient d'être enregistré par ailleurs : rien n'a été "
                + "importé. Relancez la vérification puis l'import.", conflict.getMessage());
        RuntimeException other = new IllegalStateException("x", new java.sql.SQLException("deadlock", "40P01"));
        assertEquals(other, MachineImportService.raced(other));
    }

    @Test
    void anUploadIsReadUpToItsCapAndNotOneByteFurther() {
        ImportLimits small = new ImportLimits(1024 * 1024, 100, 10, 10, 10, 1024, 1);
        MachineImportService service = new MachineImportService(null, Clock.systemUTC(), small, Duration.ZERO);
        assertEquals(1024 * 1024, service.readUpload(new java.io.ByteArrayInputStream(new byte[1024 * 1024])).length);
        java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }
        };
        fr.parcsolidaire.platform.http.HttpProblem tooBig = assertThrows(fr.parcsolidaire.platform.http.HttpProblem.class,
                () -> service.readUpload(endless));
        assertEquals(413, tooBig.status().code());
        assertEquals("Le fichier dépasse la taille maximale de 1 Mo : découpez-le en plusieurs fichiers.", tooBig.getMessage());
        assertEquals(1024 * 1024 + 1, served.get(), "an endless body is read one byte past the cap, then dropped");
    }
}
