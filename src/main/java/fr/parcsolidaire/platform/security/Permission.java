package fr.parcsolidaire.platform.security;

/** What a route requires. Roles grant permissions; routes never name roles directly. */
public enum Permission {
    /** Any signed-in, active user. */
    SIGNED_IN,
    /** See donors, donations and machines. */
    INVENTORY_READ,
    /** Take in donations, move machines through reconditioning, print labels, scan. */
    INVENTORY_WRITE,
    /** See beneficiaries' names and contacts. */
    BENEFICIARIES_READ,
    /** Register and edit beneficiaries, courses and enrolments. */
    BENEFICIARIES_WRITE,
    /** Aggregated counts of beneficiaries, never names. */
    BENEFICIARY_COUNTS,
    /** See assignments and their contracts. */
    ASSIGNMENTS_READ,
    /** Assign machines, generate and sign contracts, returns, conversions, incidents. */
    ASSIGNMENTS_WRITE,
    /** Dashboards, exports and donor packs. */
    REPORTS,
    /** Users, sites and settings. */
    ADMINISTRATION
}
