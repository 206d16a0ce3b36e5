package fr.parcsolidaire.outcomes;

import java.util.Map;

/**
 * The French words of the codes a beneficiary's record holds (age bracket, situation), in display order. The
 * loans feature owns those codes and provides this; outcomes never prints a code (Main wires them).
 */
public interface PeopleWords {

    /** Code → French label, in display order: "FROM_45_TO_59" → "45 à 59 ans". */
    Map<String, String> ageBrackets();

    /** Code → French label, in display order: "JOB_SEEKER" → "Demandeur d'emploi". */
    Map<String, String> situations();
}
