package fr.parcsolidaire.loans;

import java.util.List;

/** A READY machine proposed for a waiting person: higher score first within the same site, with the reasons. */
public record MachineMatch(String tag, String title, String machineType, String siteName, boolean sameSite,
                           boolean reservedForThisPerson, int score, List<String> reasons) {
}
