package fr.parcsolidaire.imports;

import java.util.List;

/** A committed import: its journal entry, what it created, and the machines' tags in file order (for labels). */
public record ImportOutcome(long importId, ImportReport report, List<String> tags) {
}
