package fr.parcsolidaire.evidence;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What an nwipe log or certificate says about one wiping session: the tool, the options that apply to every
 * disk, and each disk with its own outcome.
 *
 * @param tool      the banner: "nwipe 0.42", or "ShredOS v2024.11_27_x86-64_0.38" (ShredOS replaces it)
 * @param version   nwipe's version when the report gives it ("0.42"), else null
 * @param ending    how the session ended, from the log's last line; null for a certificate
 * @param assetTag  the tag typed into nwipe's configuration and printed on the certificate, or null
 * @param notes     French remarks for the person importing it (quirks, missing parts)
 */
record WipeReport(Source source, String tool, String version, String methodName, NwipeMethod method,
                  Integer rounds, VerifyMode verify, Boolean blank, String prng,
                  LocalDateTime startedAt, LocalDateTime endedAt, Ending ending, String assetTag,
                  List<WipedDevice> devices, List<String> notes) {

    enum Source {
        NWIPE_LOG,
        NWIPE_PDF
    }

    /** The log's last line: nwipe always writes one of three, a log cut short has none. */
    enum Ending {
        COMPLETED,
        ERRORS,
        ABORTED_BY_USER,
        TRUNCATED
    }

    WipeReport {
        devices = List.copyOf(devices);
        notes = List.copyOf(notes);
    }

    /** Total overwriting passes planned for one disk, blanking included, when the method is known. */
    Integer plannedPasses() {
        if (method == null || rounds == null) {
            return null;
        }
        return method.passesPerRound() * rounds + (Boolean.TRUE.equals(blank) ? 1 : 0);
    }
}
