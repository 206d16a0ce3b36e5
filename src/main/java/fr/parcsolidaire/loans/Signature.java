package fr.parcsolidaire.loans;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Whether an assignment's current document is signed, and how: on screen (a later document signs it) or on paper
 * (a scan of it was filed); who did it and when. The page offers "Signer" only while it is not.
 */
record Signature(boolean signed, String how, String by, OffsetDateTime at) {

    static final Signature NONE = new Signature(false, null, null, null);

    static Signature of(List<StoredContract> documents, List<ContractScan> scans) {
        StoredContract current = documents.stream().filter(d -> d.signs() == null)
                .reduce((first, second) -> second.id() > first.id() ? second : first).orElse(null);
        if (current == null) {
            return NONE;
        }
        for (StoredContract d : documents) {
            if (d.signs() != null && d.signs() == current.id()) {
                return new Signature(true, "à l'écran", d.createdBy(), d.createdAt());
            }
        }
        for (ContractScan s : scans) {
            boolean ofCurrent = s.contractId() == current.id() || documents.stream()
                    .anyMatch(d -> d.id() == s.contractId() && d.signs() != null && d.signs() == current.id());
            if (ofCurrent) {
                return new Signature(true, "sur papier (exemplaire numérisé)", s.uploadedBy(), s.uploadedAt());
            }
        }
        return NONE;
    }
}
