package fr.parcsolidaire.loans;

import java.time.LocalDate;
import java.util.List;

/** A person's request on the waiting list, with what the matching rule reads of the person (age bracket, situation). */
public record WaitingEntry(long id, long beneficiaryId, String beneficiaryName, AgeBracket ageBracket, Situation situation,
                           long siteId, String site, String siteName, LocalDate askedOn, List<WaitingUse> uses,
                           List<WaitingNeed> needs, WaitingPriority priority, String priorityReason,
                           ChildrenAtHome children, InternetAccess internet, WaitingStatus status) {

    public boolean needs(WaitingNeed need) {
        return needs.contains(need);
    }

    public boolean uses(WaitingUse use) {
        return uses.contains(use);
    }

    /** Sixty and over: the matching rule prefers a bigger screen for them. */
    public boolean older() {
        return ageBracket == AgeBracket.FROM_60_TO_74 || ageBracket == AgeBracket.FROM_75;
    }
}
