package fr.parcsolidaire.loans;

/** A programme such as "À portée de clics". */
record Course(long id, String name, String description) {
}
