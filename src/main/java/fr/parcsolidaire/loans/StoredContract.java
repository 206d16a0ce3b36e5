package fr.parcsolidaire.loans;

import java.time.OffsetDateTime;

/** An archived contract PDF; pdf is null in listings. */
record StoredContract(long id, long assignmentId, ContractDocument.Kind kind, Long signs, byte[] pdf, String sha256,
                             OffsetDateTime createdAt, String createdBy, long scans) {

    public String label() {
        String name = kind == ContractDocument.Kind.LOAN_AGREEMENT ? "Convention de prêt" : "Attestation de don";
        return signs == null ? name : name + " signée à l'écran";
    }
}
