package fr.parcsolidaire.platform.http;

/**
 * A code people read in French: the enums of states, kinds and brackets implement it so that pages, exports and
 * documents print {@link #label()} and never the constant's name, which stays in the JSON API (docs/ui.md,
 * "Glossaire"). NoCodeLeakTest reads every page and document back against the constants of these enums.
 */
public interface Labelled {

    /** The French words for this code, as the forms and the glossary write them. */
    String label();

    /** The label of a code, or an empty text when there is none (never the code itself). */
    static String of(Labelled code) {
        return code == null ? "" : code.label();
    }
}
