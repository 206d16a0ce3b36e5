package fr.parcsolidaire.evidence;

import java.util.Locale;

/**
 * nwipe's methods, by the name its log and certificate print, and the NIST SP 800-88 level each reaches. This is
 * THE mapping (docs/evidence.md copies it): every nwipe method overwrites the user-addressable sectors through the
 * operating system, which NIST SP 800-88 Rev. 1 (section 2.4 and appendix A) rates Clear, whatever the number of
 * passes. Purge needs the drive's own sanitize command (ATA Sanitize or Secure Erase, NVMe Sanitize or Format
 * with secure erase, cryptographic erase: IEEE 2883-2022), which nwipe does not issue; the verify-only methods
 * write nothing and sanitise nothing.
 */
enum NwipeMethod {
    ZERO("Fill With Zeros", "zero", NistLevel.CLEAR, 1),
    ONE("Fill With Ones", "one", NistLevel.CLEAR, 1),
    PRNG("PRNG Stream", "random", NistLevel.CLEAR, 1),
    DOD_SHORT("DoD Short", "dodshort", NistLevel.CLEAR, 3),
    DOD_5220_22_M("DoD 5220.22-M", "dod522022m", NistLevel.CLEAR, 7),
    GUTMANN("Gutmann Wipe", "gutmann", NistLevel.CLEAR, 35),
    OPS2("RCMP TSSIT OPS-II", "ops2", NistLevel.CLEAR, 8),
    HMG_IS5_ENHANCED("HMG IS5 Enhanced", "is5enh", NistLevel.CLEAR, 3),
    SCHNEIER_7("Bruce Schneier 7-Pass", "bruce7", NistLevel.CLEAR, 7),
    BMB21_2019("BMB21-2019", "bmb", NistLevel.CLEAR, 6),
    VERIFY_ZERO("Verify Zeros (0x00)", "verify_zero", null, 0),
    VERIFY_ONE("Verify Ones (0xFF)", "verify_one", null, 0);

    private final String printed;
    private final String option;
    private final NistLevel level;
    private final int passesPerRound;

    NwipeMethod(String printed, String option, NistLevel level, int passesPerRound) {
        this.printed = printed;
        this.option = option;
        this.level = level;
        this.passesPerRound = passesPerRound;
    }

    /** The name nwipe prints ("Fill With Zeros"). */
    String printed() {
        return printed;
    }

    /** The --method value that selects it ("zero"). */
    String option() {
        return option;
    }

    /** The NIST SP 800-88 level, or null for a method that only reads the disk. */
    NistLevel level() {
        return level;
    }

    /** Overwriting passes in one round, the final blanking pass excluded. */
    int passesPerRound() {
        return passesPerRound;
    }

    /** The method nwipe names so, spacing and case aside ("Verify Ones  (0xFF)" has two spaces), or null. */
    static NwipeMethod ofPrinted(String name) {
        if (name == null) {
            return null;
        }
        String wanted = squeeze(name);
        for (NwipeMethod m : values()) {
            if (squeeze(m.printed).equals(wanted)) {
                return m;
            }
        }
        return null;
    }

    private static String squeeze(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
