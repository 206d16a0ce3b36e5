package fr.parcsolidaire.evidence;

/** nwipe's --verify option: reading the disk back after the last pass, after every pass, or not at all. */
enum VerifyMode {
    OFF,
    LAST,
    ALL;

    /** The log's "verify = 1 (last pass)": 0, 1 or 2. */
    static VerifyMode ofLogValue(String value) {
        String v = value.strip();
        if (v.startsWith("0")) {
            return OFF;
        }
        if (v.startsWith("1")) {
            return LAST;
        }
        if (v.startsWith("2")) {
            return ALL;
        }
        return null;
    }

    /** The summary's code: "VL", "VA", "NV". */
    static VerifyMode ofSummaryCode(String code) {
        return switch (code) {
            case "VL" -> LAST;
            case "VA" -> ALL;
            case "NV" -> OFF;
            default -> null;
        };
    }

    /** The certificate's "Verify Pass(Last/All/None): Last" (0.4x) or "Verify Last" (0.35). */
    static VerifyMode ofCertificate(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.endsWith("last")) {
            return LAST;
        }
        if (v.endsWith("all")) {
            return ALL;
        }
        if (v.endsWith("none") || v.endsWith("off")) {
            return OFF;
        }
        return null;
    }
}
