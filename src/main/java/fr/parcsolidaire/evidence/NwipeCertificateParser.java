package fr.parcsolidaire.evidence;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the per-disk PDF certificate of nwipe ≥ 0.35 ("Disk Erasure Report", page 1): the disk's model, serial
 * and bus, start and end times, status (ERASED, FAILED, ABORTED), method, PRNG, final blanking pass,
 * verification, rounds, bytes erased and error counts. The multi-disk "System Erasure Report" of 0.4x is refused:
 * its disk lines are laid out for the eye, and the same facts are in the per-disk certificates and the log.
 */
final class NwipeCertificateParser {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");
    /** Labels and values of one row share a baseline; PDFGen draws them at the same y exactly. */
    private static final float SAME_LINE = 2f;

    private NwipeCertificateParser() {
    }

    static WipeReport parse(byte[] pdf) {
        List<PdfText.Run> runs = PdfText.runs(pdf, 1);
        if (has(runs, "System Erasure Report")) {
            throw Unreadable.file("Ce PDF est le rapport d'ensemble de nwipe (« System Erasure Report ») : importez "
                    + "plutôt le journal nwipe ou le certificat de chaque disque (nwipe_report_…pdf).");
        }
        if (!has(runs, "Disk Erasure Report") || value(runs, "Status:") == null) {
            throw Unreadable.file("Ce PDF n'est pas un certificat d'effacement nwipe (« Disk Erasure Report »).");
        }
        List<String> notes = new ArrayList<>();
        String version = null;
        for (PdfText.Run r : runs) {
            String t = r.text().strip();
            if (t.startsWith("Disc Erasure by NWIPE version ")) {
                version = t.substring("Disc Erasure by NWIPE version ".length()).strip();
            }
        }
        String methodName = value(runs, "Method:");
        NwipeMethod method = NwipeMethod.ofPrinted(methodName);
        if (methodName != null && method == null) {
            notes.add("Méthode « " + methodName + " » inconnue : aucun niveau NIST ne lui est attribué.");
        }
        int[] rounds = fraction(value(runs, "Rounds(completed/requested):"));
        int[] errors = counts(value(runs, "Errors(pass/sync/verify/retries):", "Errors(pass/sync/verify):"));
        String finalPass = value(runs, "Final Pass(Zeros/Ones/None):");
        Boolean blank = finalPass == null ? null : !finalPass.strip().equalsIgnoreCase("None");
        String verifyText = value(runs, "Verify Pass(Last/All/None):");
        VerifyMode verify = verifyText == null ? null : VerifyMode.ofCertificate(verifyText);
        WipeStatus status = WipeStatus.of(value(runs, "Status:"));
        String rawSerial = value(runs, "Serial:");
        String serial = rawSerial == null || rawSerial.strip().equalsIgnoreCase("Unknown") ? null : Serials.printed(rawSerial);
        boolean masked = rawSerial != null && Serials.masked(rawSerial);
        Integer roundsDone = rounds == null ? null : rounds[0];
        int passes = roundsDone != null && method != null ? roundsDone * method.passesPerRound() : 0;
        LocalDateTime start = time(value(runs, "Start time:"));
        LocalDateTime end = time(value(runs, "End time:"));
        WipedDevice device = new WipedDevice(null, clean(value(runs, "Bus:")), clean(value(runs, "Make/Model:")),
                clean(value(runs, "Size(Apparent):")), serial, masked, status,
                errors == null ? null : errors[0], errors == null ? null : errors[2], errors == null ? null : errors[1],
                passes, roundsDone, Boolean.TRUE.equals(blank) && status == WipeStatus.ERASED,
                bytesErased(value(runs, "*Bytes Erased:")), start, end);
        if (masked) {
            notes.add("nwipe a masqué le n° de série (option --quiet) : ce disque ne peut pas être rapproché.");
        }
        return new WipeReport(WipeReport.Source.NWIPE_PDF, version == null ? "nwipe" : "nwipe " + version, version,
                methodName, method, rounds == null ? null : rounds[1], verify, blank, clean(value(runs, "PRNG algorithm:")),
                start, end, null, tag(runs), List.of(device), notes);
    }

    private static boolean has(List<PdfText.Run> runs, String text) {
        return runs.stream().anyMatch(r -> r.text().strip().equals(text));
    }

    /** The first value drawn right of the first of these labels on its line, or null if the next thing is a label. */
    private static String value(List<PdfText.Run> runs, String... labels) {
        for (String label : labels) {
            for (PdfText.Run r : runs) {
                if (!r.text().strip().equals(label)) {
                    continue;
                }
                PdfText.Run next = runs.stream()
                        .filter(o -> Math.abs(o.y() - r.y()) <= SAME_LINE && o.x() > r.x())
                        .min(Comparator.comparingDouble(PdfText.Run::x)).orElse(null);
                if (next == null || next.text().strip().endsWith(":")) {
                    return null;
                }
                return next.text().strip();
            }
        }
        return null;
    }

    /** " Tag: PS-2026-00001 " in the header, one piece; "Empty Tag" when none was configured. */
    private static String tag(List<PdfText.Run> runs) {
        for (PdfText.Run r : runs) {
            String t = r.text().strip();
            if (t.startsWith("Tag:")) {
                String v = t.substring(4).strip();
                return v.isEmpty() || v.equalsIgnoreCase("Empty Tag") ? null : v;
            }
        }
        return null;
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() || t.equalsIgnoreCase("Unknown") ? null : t;
    }

    private static LocalDateTime time(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(s.strip(), TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "1/1" (completed/requested). */
    private static int[] fraction(String s) {
        int[] n = counts(s);
        return n == null || n.length != 2 ? null : n;
    }

    /** "2/0/0/4" or "0/0/0". */
    private static int[] counts(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.strip().split("/", 5);
        int[] n = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            n[i] = Integer.parseInt(p);
        }
        return n.length >= 2 ? n : null;
    }

    /** "33554432, (100.00%)". */
    private static Long bytesErased(String s) {
        if (s == null) {
            return null;
        }
        int comma = s.indexOf(',');
        String n = (comma < 0 ? s : s.substring(0, comma)).strip();
        return !n.isEmpty() && n.length() <= 18 && n.chars().allMatch(Character::isDigit) ? Long.parseLong(n) : null;
    }
}
