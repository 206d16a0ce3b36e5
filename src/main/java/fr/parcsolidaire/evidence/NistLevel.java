package fr.parcsolidaire.evidence;

/**
 * NIST SP 800-88 Rev. 1 sanitisation levels an erasure tool can reach (Destroy is physical, never a tool's). The
 * names are the values of erasures.method.
 */
enum NistLevel {
    CLEAR,
    PURGE
}
