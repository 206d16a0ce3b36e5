package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.security.Principal;
import gg.jte.Content;
import io.helidon.webserver.http.ServerRequest;

/**
 * A part of the beneficiary's page that another feature owns (messaging: consents and messages). Loans does not know
 * what it shows; Main hands it over ({@link LoansFeature#showOnBeneficiaryPage}). The section is rendered only for a
 * reader who may see the person, after loans has checked the person is of their site.
 */
@FunctionalInterface
public interface BeneficiarySection {

    /** The section for this person, {@code request} giving what the page was asked with (a confirmation to show). */
    Content render(ServerRequest request, Principal reader, long beneficiaryId);
}
