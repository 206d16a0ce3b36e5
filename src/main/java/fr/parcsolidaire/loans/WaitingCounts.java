package fr.parcsolidaire.loans;

/** The waiting list as counts, never names: what coordinators see (DESIGN.md, "Roles"). */
public record WaitingCounts(long waiting, long prioritised, long reserved) {
}
