package fr.parcsolidaire.course;

/** A participant at one workshop; the code stays in the JSON API, pages show the label. */
enum AttendanceStatus {
    PRESENT("Présent"),
    ABSENT("Absent"),
    EXCUSED("Excusé");

    private final String label;

    AttendanceStatus(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
