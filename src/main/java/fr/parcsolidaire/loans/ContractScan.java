package fr.parcsolidaire.loans;

import java.time.OffsetDateTime;

/** A scan or photo of a signed paper contract; content is null in listings. */
record ContractScan(long id, long contractId, String contentType, byte[] content, String sha256,
                           OffsetDateTime uploadedAt, String uploadedBy) {
}
