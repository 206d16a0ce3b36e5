package fr.parcsolidaire.inventory;

import io.helidon.dbclient.DbExecute;

import java.time.Instant;
import java.util.List;

/**
 * The erasure evidence of one machine, as its page shows it ("Preuves d'effacement"): the archived tool outputs
 * and each disk's SMART health, and the workbench tokens in force. The evidence feature keeps them and provides this
 * to the inventory feature (Main wires them); the page keeps each machine's section in memory beside its record and
 * renders it, the tokens only to those who may use them and only until they expire.
 */
public interface MachineEvidence {

    /** Nothing to show: the machine page without the evidence feature. */
    MachineEvidence NONE = (db, machineId) -> null;

    /** The section with every token in force, or null when there is none to show; read on {@code db} ({@link PageReads}). */
    Section of(DbExecute db, long machineId);

    /** What the section shows; every text is already French ("2 h" for how long a new workbench token lasts). */
    record Section(List<File> files, List<Disk> disks, List<Token> tokens, String tokenLifetime) {

        /** The section as one reader sees it at {@code now}: tokens for those who write, and only those not yet expired. */
        public Section shownTo(boolean writer, Instant now) {
            List<Token> shown = writer ? tokens.stream().filter(t -> t.expires().isAfter(now)).toList() : List.of();
            return shown.size() == tokens.size() ? this : new Section(files, disks, shown, tokenLifetime);
        }
    }

    /** An archived file: what it is, its name and SHA-256, when and by whom it came, and where to download it. */
    record File(String kind, String name, String sha256, String importedAt, String importedBy, String href) {
    }

    /** A disk's latest SMART report: its name, the verdict as a badge, the figures, and whether it blocks. */
    record Disk(String name, String verdict, String details, boolean failing, boolean blocking) {
    }

    /** A workbench token in force: who prepared it, until when, how often it was used, and where to revoke it. */
    record Token(long id, String createdBy, Instant expires, String expiresAt, int uses, String revokeAction) {
    }
}
