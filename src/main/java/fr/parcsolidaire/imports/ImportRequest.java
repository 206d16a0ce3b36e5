package fr.parcsolidaire.imports;

import fr.parcsolidaire.inventory.DonorKind;

import java.time.LocalDate;

/**
 * What the person chose on the mapping page besides the file.
 *
 * @param mapping           the columns; null to use the guess from the header names
 * @param defaultSite       site code for rows without a site (or a file without a site column); null: none
 * @param defaultDonor      donor name for rows without one; null: such rows are errors
 * @param newDonorKind      the kind of donors created by the import when the file does not say; null: company
 * @param defaultReceivedOn date for rows without one; null: such rows are errors
 */
public record ImportRequest(ColumnMapping mapping, String defaultSite, String defaultDonor, DonorKind newDonorKind,
                            LocalDate defaultReceivedOn) {

    public static ImportRequest guessed() {
        return new ImportRequest(null, null, null, null, null);
    }

    public ImportRequest withMapping(ColumnMapping m) {
        return new ImportRequest(m, defaultSite, defaultDonor, newDonorKind, defaultReceivedOn);
    }

    DonorKind donorKindOrDefault() {
        return newDonorKind == null ? DonorKind.COMPANY : newDonorKind;
    }
}
