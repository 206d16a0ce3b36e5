package fr.parcsolidaire.loans;

import java.time.LocalDate;

/** A participant, with the minimal personal data a loan needs. Only BENEFICIARIES_READ holders see it. */
public record Beneficiary(long id, String lastName, String firstName, String phone, String email, String commune,
                          String postcode, AgeBracket ageBracket, Situation situation, String referringStructure,
                          Long socialWorkerId, String socialWorker, LocalDate gdprNoticeOn, String siteName) {

    public String fullName() {
        return firstName + " " + lastName;
    }
}
