package fr.parcsolidaire.course;

/**
 * What a course asks before a participant keeps the machine: attendance at {@code percent} % of the workshops held
 * and, when {@code needsChecklist}, every item of the set-up checklist ticked. Excused absences are left out of the
 * count (neither attended nor missed): someone excused for a hospital appointment is judged on the other workshops.
 * With no workshop held yet, or only excused ones, nobody has completed.
 */
record CompletionRule(int percent, boolean needsChecklist) {

    boolean met(int held, int present, int excused, boolean checklistDone) {
        int counted = held - excused;
        if (counted <= 0 || (needsChecklist && !checklistDone)) {
            return false;
        }
        return present * 100L >= (long) percent * counted;
    }

    /** The attendance rate in whole percent (rounded down), or null when no workshop counts yet. */
    static Integer rate(int held, int present, int excused) {
        int counted = held - excused;
        return counted <= 0 ? null : (int) (present * 100L / counted);
    }

    String describe() {
        return "présence à au moins " + percent + " % des ateliers tenus (absences excusées non comptées)"
                + (needsChecklist ? " et prise en main terminée" : "");
    }
}
