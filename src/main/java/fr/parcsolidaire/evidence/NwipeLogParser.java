package fr.parcsolidaire.evidence;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the text log of nwipe (Debian's 0.33/0.34, 0.35, 0.4x) and the log ShredOS writes (nwipe with its banner
 * replaced). What it takes, and from where (all observed in real logs, see src/test/resources/evidence/README.md):
 * <ul>
 *   <li>each disk from its {@code Found /dev/sda, BUS, MODEL, SIZE, S/N=SERIAL} line (bus padded in 0.4x, model
 *   truncated by nwipe: the serial is what identifies a disk, never the model);</li>
 *   <li>the options block ({@code method = ...}, {@code rounds}, {@code verify}, {@code prng}, "do not perform a final
 *   blank pass"), with the summary's {@code 1R+B+VL} as a fallback;</li>
 *   <li>the "Error Summary", "Erasure Summary" (0.4x) and "Drive Status" tables, written without timestamps;</li>
 *   <li>each disk's start ("Invoking method") and end (its last timestamped line), and its finished passes.</li>
 * </ul>
 * A disk's final status is its "Drive Status" cell and nothing else: nwipe 0.35 in --nogui mode never exits
 * after a wipe, so its logs end with "aborted by the user" although the table says Erased (upstream issue #530).
 * A log cut short keeps what it has; a disk without a status row is UNKNOWN.
 * <p>
 * Bounded: the size is capped before anything is read, lines are cut at {@link #MAX_LINE} characters, and each line
 * is read with index arithmetic (no backtracking pattern), so the cost is linear in the size.
 */
final class NwipeLogParser {

    static final int MAX_BYTES = 8 * 1024 * 1024;
    static final int MAX_LINE = 1000;
    static final int MAX_DEVICES = 256;

    private NwipeLogParser() {
    }

    private enum Table {
        NONE, ERRORS, ERASURE, STATUS
    }

    /** What is gathered about one disk while the log is read. */
    private static final class Disk {
        final String device;
        String bus;
        String model;
        String size;
        String rawSerial;
        String statusCell;
        String tableModel;
        String tableSerial;
        Integer passErrors;
        Integer verifyErrors;
        Integer syncErrors;
        Long bytesErased;
        int passesCompleted;
        Integer roundsCompleted;
        boolean blanked;
        LocalDateTime start;
        LocalDateTime end;

        Disk(String device) {
            this.device = device;
        }
    }

    private static final class State {
        final Map<String, Disk> disks = new LinkedHashMap<>();
        String banner;
        String firstInfo;
        String method;
        Integer rounds;
        VerifyMode verify;
        Boolean blank;
        String prng;
        boolean optionsSeen;
        String summaryMethod;
        Integer summaryRounds;
        Boolean summaryBlank;
        VerifyMode summaryVerify;
        LocalDateTime first;
        LocalDateTime last;
        WipeReport.Ending ending = WipeReport.Ending.TRUNCATED;
        Table table = Table.NONE;
        boolean tooManyDevices;
    }

    static WipeReport parse(byte[] content) {
        if (content.length > MAX_BYTES) {
            throw Unreadable.tooLarge("Ce journal", MAX_BYTES);
        }
        State s = new State();
        for (String line : BoundedLines.of(content, MAX_LINE)) {
            read(s, line);
        }
        if (s.disks.isEmpty()) {
            throw Unreadable.file("Ce fichier ne ressemble pas à un journal nwipe : il ne contient aucune ligne "
                    + "« Found /dev/… » ni tableau « Drive Status ».");
        }
        return report(s);
    }

    private static void read(State s, String line) {
        LocalDateTime ts = timestamp(line);
        if (ts == null) {
            readUntimed(s, line);
            return;
        }
        s.table = Table.NONE;
        if (s.first == null) {
            s.first = ts;
        }
        s.last = ts;
        String message = line.substring(21).strip();
        int colon = message.indexOf(':');
        if (colon > 0 && colon <= 8 && message.substring(0, colon).chars().allMatch(Character::isLetter)) {
            message = message.substring(colon + 1);
        }
        String text = message.strip();
        if (text.startsWith("Found /dev/")) {
            found(s, text);
        } else if (text.startsWith("Total Throughput")) {
            throughput(s, text);
        } else if (text.startsWith("Nwipe successfully completed")) {
            s.ending = WipeReport.Ending.COMPLETED;
        } else if (text.startsWith("Nwipe exited with errors") && !text.contains("on device")) {
            s.ending = WipeReport.Ending.ERRORS;
        } else if (text.startsWith("Nwipe was aborted by the user")) {
            s.ending = WipeReport.Ending.ABORTED_BY_USER;
        } else if (text.startsWith("Program options are set")) {
            s.optionsSeen = true;
        } else if (text.equals("do not perform a final blank pass")) {
            s.blank = false;
        } else if (message.startsWith("  ") && text.indexOf('=') > 0) {
            option(s, text);
        } else if (s.firstInfo == null && (text.startsWith("nwipe ") || text.startsWith("ShredOS v"))) {
            s.firstInfo = text;
        } else {
            mentions(s, text, ts);
        }
    }

    /** "[2026/11/28 06:07:30]" at the start of the line, or null. */
    private static LocalDateTime timestamp(String line) {
        if (line.length() < 22 || line.charAt(0) != '[' || line.charAt(5) != '/' || line.charAt(8) != '/'
                || line.charAt(11) != ' ' || line.charAt(14) != ':' || line.charAt(17) != ':' || line.charAt(20) != ']') {
            return null;
        }
        try {
            return LocalDateTime.of(digits(line, 1, 5), digits(line, 6, 8), digits(line, 9, 11),
                    digits(line, 12, 14), digits(line, 15, 17), digits(line, 18, 20));
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s.substring(from, to));
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** "Found /dev/loop0, VIRT    , Loopback device,   33 MB, S/N=" — the model may hold commas, the bus and size never. */
    private static void found(State s, String text) {
        int firstComma = text.indexOf(", ");
        int serialAt = text.lastIndexOf("S/N=");
        if (firstComma < 0 || serialAt < firstComma) {
            return;
        }
        Disk d = disk(s, text.substring("Found ".length(), firstComma).strip());
        if (d == null) {
            return;
        }
        String middle = text.substring(firstComma + 2, serialAt).strip();
        if (middle.endsWith(",")) {
            middle = middle.substring(0, middle.length() - 1);
        }
        int busEnd = middle.indexOf(',');
        int sizeStart = middle.lastIndexOf(',');
        if (busEnd >= 0) {
            d.bus = emptyToNull(middle.substring(0, busEnd).strip());
            if (sizeStart > busEnd) {
                d.model = emptyToNull(middle.substring(busEnd + 1, sizeStart).strip());
                d.size = emptyToNull(middle.substring(sizeStart + 1).strip());
            } else {
                d.model = emptyToNull(middle.substring(busEnd + 1).strip());
            }
        }
        d.rawSerial = text.substring(serialAt + 4);
    }

    private static Disk disk(State s, String device) {
        Disk d = s.disks.get(device);
        if (d == null) {
            if (s.disks.size() >= MAX_DEVICES) {
                s.tooManyDevices = true;
                return null;
            }
            d = new Disk(device);
            s.disks.put(device, d);
        }
        return d;
    }

    private static void option(State s, String text) {
        int eq = text.indexOf('=');
        String key = text.substring(0, eq).strip();
        String value = text.substring(eq + 1).strip();
        switch (key) {
            case "banner" -> s.banner = value;
            case "method" -> s.method = value;
            case "prng" -> s.prng = value;
            case "verify" -> s.verify = VerifyMode.ofLogValue(value);
            case "rounds" -> s.rounds = smallNumber(value);
            default -> { }
        }
    }

    /** "Total Throughput   0 B/s, Fill With Zeros, 1R+B+VL". */
    private static void throughput(State s, String text) {
        int first = text.indexOf(", ");
        int last = text.lastIndexOf(", ");
        if (first < 0 || last <= first) {
            return;
        }
        s.summaryMethod = text.substring(first + 2, last).strip();
        String[] code = text.substring(last + 2).strip().split("\\+", 4);
        if (code.length == 3) {
            s.summaryRounds = code[0].endsWith("R") ? smallNumber(code[0].substring(0, code[0].length() - 1)) : null;
            s.summaryBlank = code[1].equals("B") ? Boolean.TRUE : code[1].equals("NB") ? Boolean.FALSE : null;
            s.summaryVerify = VerifyMode.ofSummaryCode(code[2]);
        }
    }

    /** Lines that name disks: when each started, what it finished, and its last sign of life. */
    private static void mentions(State s, String text, LocalDateTime ts) {
        int from = 0;
        while (true) {
            int at = text.indexOf("/dev/", from);
            if (at < 0) {
                return;
            }
            int end = at + 5;
            while (end < text.length() && deviceChar(text.charAt(end))) {
                end++;
            }
            from = end;
            Disk d = s.disks.get(text.substring(at, end));
            if (d == null) {
                continue;
            }
            if (text.startsWith("Invoking method") && d.start == null) {
                d.start = ts;
            }
            if (d.start != null && !text.startsWith("Nwipe exited with errors")) {
                d.end = ts;
            }
            if (text.startsWith("Finished pass ")) {
                finishedPass(d, text);
            } else if (text.startsWith("[SUCCESS] Blanked device")) {
                d.blanked = true;
            }
        }
    }

    private static boolean deviceChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/';
    }

    /** "Finished pass 3/35, round 1/2, on /dev/loop2": passes done so far, all rounds counted. */
    private static void finishedPass(Disk d, String text) {
        int[] pass = fraction(text, "Finished pass ".length());
        int roundAt = text.indexOf("round ");
        int[] round = roundAt < 0 ? null : fraction(text, roundAt + "round ".length());
        if (pass == null || round == null) {
            return;
        }
        d.passesCompleted = Math.max(d.passesCompleted, (round[0] - 1) * pass[1] + pass[0]);
        if (pass[0] == pass[1]) {
            d.roundsCompleted = Math.max(d.roundsCompleted == null ? 0 : d.roundsCompleted, round[0]);
        }
    }

    /** "3/35" at index, or null. */
    private static int[] fraction(String text, int at) {
        int slash = text.indexOf('/', at);
        if (slash < 0) {
            return null;
        }
        int end = slash + 1;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        Integer a = smallNumber(text.substring(at, slash));
        Integer b = smallNumber(text.substring(slash + 1, end));
        return a == null || b == null || b == 0 ? null : new int[] {a, b};
    }

    private static void readUntimed(State s, String line) {
        String t = line.strip();
        if (t.startsWith("****")) {
            if (t.contains("Error Summary")) {
                s.table = Table.ERRORS;
            } else if (t.contains("Erasure Summary")) {
                s.table = Table.ERASURE;
            } else if (t.contains("Drive Status")) {
                s.table = Table.STATUS;
            } else {
                s.table = Table.NONE;
            }
            return;
        }
        if (s.table == Table.NONE || line.indexOf('|') < 0) {
            return;
        }
        String[] cells = line.split("\\|", 6);
        String name = cells[0].replace("!", "").strip();
        if (name.isEmpty() || name.equals("Device")) {
            return;
        }
        Disk d = row(s, name);
        if (d == null) {
            return;
        }
        switch (s.table) {
            case ERRORS -> {
                if (cells.length >= 4) {
                    d.passErrors = number(cells[1]);
                    d.verifyErrors = number(cells[2]);
                    d.syncErrors = number(cells[3]);
                }
            }
            case ERASURE -> {
                if (cells.length >= 2) {
                    d.bytesErased = longNumber(cells[1]);
                }
            }
            case STATUS -> {
                if (cells.length >= 5) {
                    d.statusCell = cells[1].strip();
                    String modelSerial = cells[4].strip();
                    int slash = modelSerial.lastIndexOf('/');
                    if (slash >= 0) {
                        d.tableModel = emptyToNull(modelSerial.substring(0, slash).strip());
                        d.tableSerial = modelSerial.substring(slash + 1);
                    }
                }
            }
            default -> { }
        }
    }

    /**
     * The disk a table row names: nwipe strips "/dev/" and keeps the last eight characters, so only an
     * eight-character name can be the end of a longer one ("nvme10n1" of "/dev/nvme10n1" fits; a longer path does not).
     */
    private static Disk row(State s, String name) {
        Disk exact = s.disks.get("/dev/" + name);
        if (exact != null) {
            return exact;
        }
        if (name.length() != 8) {
            return disk(s, "/dev/" + name);
        }
        Disk match = null;
        for (Disk d : s.disks.values()) {
            if (d.device.endsWith(name)) {
                if (match != null) {
                    return null;
                }
                match = d;
            }
        }
        return match != null ? match : disk(s, "/dev/" + name);
    }

    private static WipeReport report(State s) {
        List<String> notes = new ArrayList<>();
        String methodName = s.method != null ? s.method : s.summaryMethod;
        NwipeMethod method = NwipeMethod.ofPrinted(methodName);
        if (methodName != null && method == null) {
            notes.add("Méthode « " + methodName + " » inconnue : aucun niveau NIST ne lui est attribué.");
        }
        String tool = s.banner != null ? s.banner : s.firstInfo != null ? s.firstInfo : "nwipe";
        List<WipedDevice> devices = new ArrayList<>();
        boolean masked = false;
        boolean anyErased = false;
        boolean anyUnknown = false;
        for (Disk d : s.disks.values()) {
            String raw = d.rawSerial != null ? d.rawSerial : d.tableSerial;
            boolean isMasked = raw != null && Serials.masked(raw);
            masked |= isMasked;
            WipeStatus status = d.statusCell == null ? WipeStatus.UNKNOWN : WipeStatus.of(d.statusCell);
            if (status == WipeStatus.ERASED && positive(d.passErrors, d.verifyErrors, d.syncErrors)) {
                status = WipeStatus.FAILED;
            }
            anyErased |= status == WipeStatus.ERASED;
            anyUnknown |= status == WipeStatus.UNKNOWN;
            devices.add(new WipedDevice(d.device, d.bus, d.model != null ? d.model : d.tableModel, d.size,
                    Serials.printed(raw), isMasked, status, d.passErrors, d.verifyErrors, d.syncErrors,
                    d.passesCompleted, d.roundsCompleted, d.blanked, d.bytesErased, d.start, d.end));
        }
        if (s.tooManyDevices) {
            notes.add("Plus de " + MAX_DEVICES + " disques dans ce journal : seuls les " + MAX_DEVICES + " premiers sont lus.");
        }
        if (masked) {
            notes.add("nwipe a masqué des n° de série (option --quiet) : ces disques ne peuvent pas être rapprochés.");
        }
        if (s.ending == WipeReport.Ending.TRUNCATED || anyUnknown) {
            notes.add("Le journal s'arrête avant la fin de la session nwipe : un disque sans statut final n'est pas "
                    + "compté comme effacé.");
        }
        String version = version(tool, s.firstInfo);
        if (s.ending == WipeReport.Ending.ABORTED_BY_USER && anyErased) {
            notes.add("nwipe a été arrêté après la fin de l'effacement" + ("0.35".equals(version)
                    ? " (nwipe 0.35 ne se termine pas seul en mode --nogui, défaut connu)" : "")
                    + " : le statut « Erased » de son tableau final fait foi.");
        }
        return new WipeReport(WipeReport.Source.NWIPE_LOG, tool, version, methodName, method,
                s.rounds != null ? s.rounds : s.summaryRounds,
                s.verify != null ? s.verify : s.summaryVerify,
                s.blank != null ? s.blank : s.optionsSeen ? Boolean.TRUE : s.summaryBlank,
                s.prng, s.first, s.last, s.ending, null, devices, notes);
    }

    /** "nwipe 0.42" → "0.42"; ShredOS's banner ends with the nwipe release it ships: "..._x86-64_0.38" → "0.38". */
    static String version(String tool, String firstInfo) {
        for (String candidate : new String[] {firstInfo, tool}) {
            if (candidate == null) {
                continue;
            }
            String v = candidate.startsWith("nwipe ") ? candidate.substring(6).strip()
                    : candidate.startsWith("ShredOS v") && candidate.lastIndexOf('_') > 0
                    ? candidate.substring(candidate.lastIndexOf('_') + 1) : null;
            if (v != null && !v.isEmpty() && v.chars().allMatch(c -> Character.isDigit(c) || c == '.')
                    && Character.isDigit(v.charAt(0))) {
                return v;
            }
        }
        return null;
    }

    private static boolean positive(Integer... counts) {
        for (Integer c : counts) {
            if (c != null && c > 0) {
                return true;
            }
        }
        return false;
    }

    private static Integer number(String cell) {
        Long n = longNumber(cell);
        return n == null || n > Integer.MAX_VALUE ? null : n.intValue();
    }

    private static Integer smallNumber(String text) {
        Integer n = number(text);
        return n == null || n > 100_000 ? null : n;
    }

    private static Long longNumber(String cell) {
        String t = cell.strip();
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(t);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
