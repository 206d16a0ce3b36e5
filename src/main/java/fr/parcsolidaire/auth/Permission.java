package fr.parcsolidaire.auth;

/** What a route requires. Roles grant permissions; routes never name roles directly. */
public enum Permission {
    /** Any signed-in, active user. */
    SIGNED_IN,
    /** See donors, donations and machines. */
    INVENTORY_READ,
    /** Take in donations, move machines through reconditioning. */
    INVENTORY_WRITE,
    /** Users, sites and settings. */
    ADMINISTRATION
}
