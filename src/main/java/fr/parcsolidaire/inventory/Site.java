package fr.parcsolidaire.inventory;

/** A centre: workshop or reception point, with the prefix of the tags it hands out. */
public record Site(long id, String code, String name, String tagPrefix) {
}
