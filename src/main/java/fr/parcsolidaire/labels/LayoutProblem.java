package fr.parcsolidaire.labels;

/** Why a layout file was skipped: the file, the faulty field and a French explanation. */
record LayoutProblem(String file, String field, String message) {

    @Override
    public String toString() {
        return file + " : champ « " + field + " » : " + message;
    }
}
