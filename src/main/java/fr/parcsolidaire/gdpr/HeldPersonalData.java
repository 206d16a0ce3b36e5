package fr.parcsolidaire.gdpr;

import io.helidon.dbclient.DbExecute;

import java.util.List;

/**
 * Personal data another feature holds about a beneficiary (messaging: consents, postal address, messages): listed
 * in the access report and erased by anonymisation, each inside gdpr's own transaction so that a report is one
 * reading and an anonymisation all or nothing. The feature that holds the data implements this; Main hands it to
 * {@link GdprFeature#alsoHeldBy}.
 */
public interface HeldPersonalData {

    /** One table of the access report, in French: a title, column headers and rows. */
    record Section(String title, List<String> headers, List<List<String>> rows) {
    }

    /** What is held about the person, for the right of access. */
    List<Section> report(DbExecute tx, long beneficiaryId);

    /** Erases what identifies the person (contacts, addresses, texts naming them); codes, states and dates stay. */
    void forget(DbExecute tx, long beneficiaryId);
}
