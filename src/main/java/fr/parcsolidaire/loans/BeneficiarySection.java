package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.security.Principal;
import gg.jte.Content;

/**
 * A part of the beneficiary's page that another feature owns (messaging: consents and messages). Loans does not know
 * what it shows; Main hands it over ({@link LoansFeature#showOnBeneficiaryPage}). The section is rendered only for a
 * reader who may see the person, after loans has checked the person is of their site.
 */
@FunctionalInterface
public interface BeneficiarySection {

    /** The section for this person (a save in it is confirmed by the page's layout: platform/http/Confirmations). */
    Content render(Principal reader, long beneficiaryId);
}
