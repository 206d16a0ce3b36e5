package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.MachineProspects;
import fr.parcsolidaire.platform.security.User;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One machine's part of its page, as the inventory keeps it beside the record: its reservation (an initial and a date)
 * and, for a READY machine, what the matching rule reads of it. The people it matches are ranked when the page is
 * drawn, from this instance's copy of the open waiting list ({@code waiting}, kept until V33 announces a change to the
 * list or to a waiting person), so that a new request is proposed at once on every kept page.
 *
 * @param candidate null when the machine is not READY: nobody is proposed
 */
record PageProspects(ReservationService.PageReservation reservation, MatchCandidate candidate,
                     Supplier<List<WaitingEntry>> waiting) implements MachineProspects.Part {

    /** As many requests as the waiting list shows a reader (handover.sql, waiting-list). */
    private static final int LISTED = 500;

    @Override
    public Optional<String> reservation(LocalDate today) {
        return reservation == null ? Optional.empty() : reservation.note(today);
    }

    @Override
    public List<MachineProspects.Line> matches(User reader, LocalDate today) {
        if (candidate == null) {
            return List.of();
        }
        Long site = reader.siteScope();
        List<WaitingEntry> open = waiting.get().stream().filter(p -> site == null || site == p.siteId()).limit(LISTED).toList();
        return MatchingService.peopleFor(candidate, open, today).stream()
                .map(p -> new MachineProspects.Line(p.waitingId(), p.beneficiaryName(), p.score(), p.reasons())).toList();
    }
}
