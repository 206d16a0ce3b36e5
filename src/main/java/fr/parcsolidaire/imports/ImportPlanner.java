package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Site;
import fr.parcsolidaire.platform.http.Jsonp;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArrayBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a file against the rules and the database and works out what it would create: the same plan serves the
 * dry run (outside any transaction) and the commit (inside it, where it also reserves the tags the file keeps).
 */
final class ImportPlanner {

    /** A donor as the file names it: the first spelling met, its kind, and its id when it exists already. */
    record DonorRef(String name, DonorKind kind, Long existingId) {
    }

    record Plan(ImportReport report, ColumnMapping mapping, ImportRequest request, List<Candidate> machines,
                Map<String, DonorRef> donors) {
    }

    private final Clock clock;

    ImportPlanner(Clock clock) {
        this.clock = clock;
    }

    Plan plan(DbExecute exec, String fileName, String sha256, Spreadsheet sheet, ImportRequest request, User actor,
              boolean reserveTags) {
        List<Site> sites = ImportRepository.sites(exec);
        ColumnMapping mapping = request.mapping() != null ? request.mapping() : ColumnMapping.guess(sheet.rows());
        List<RowIssue> mappingIssues = mappingIssues(mapping, sheet);
        List<RowIssue> issues = new ArrayList<>(mappingIssues);
        ImportRepository.alreadyImported(exec, sha256, clock.getZone()).ifPresent(when -> issues.add(RowIssue.error(0, null,
                "Ce fichier a déjà été importé " + when + ". L'importer à nouveau créerait chaque machine une seconde fois.")));
        if (!mappingIssues.isEmpty()) {
            // Without a usable mapping every row would repeat the same mistake.
            return new Plan(report(fileName, sheet, mapping, 0, List.of(), issues, Map.of()), mapping, request, List.of(),
                    Map.of());
        }
        RowValidator.Result rows = new RowValidator(sheet.source(), mapping, request, sites, actor, LocalDate.now(clock))
                .validate(sheet.rows());
        issues.addAll(rows.issues());
        if (reserveTags) {
            reserveKeptTags(exec, rows.candidates());
        }
        List<Candidate> machines = againstDatabase(exec, rows.candidates(), issues);
        Map<String, DonorRef> donors = donors(exec, machines);
        return new Plan(report(fileName, sheet, mapping, rows.rows(), machines, issues, donors), mapping, request, machines,
                donors);
    }

    /** The columns must name the type, each column one field, and exist in the file. */
    static List<RowIssue> mappingIssues(ColumnMapping mapping, Spreadsheet sheet) {
        List<RowIssue> issues = new ArrayList<>();
        if (!mapping.has(ImportField.TYPE)) {
            issues.add(RowIssue.error(0, ImportField.TYPE,
                    "Indiquez la colonne qui contient le type de matériel (portable, écran, imprimante…)."));
        }
        int widest = sheet.rows().stream().mapToInt(r -> r.cells().size()).max().orElse(0);
        Map<Integer, ImportField> seen = new HashMap<>();
        mapping.columns().forEach((field, column) -> {
            ImportField other = seen.putIfAbsent(column, field);
            if (other != null) {
                issues.add(RowIssue.error(0, field, "La colonne " + columnName(column) + " ne peut servir à la fois pour « "
                        + other.label() + " » et pour « " + field.label() + " »."));
            }
            if (column >= widest) {
                issues.add(RowIssue.error(0, field, "La colonne " + columnName(column) + " choisie pour « " + field.label()
                        + " » est vide dans tout le fichier."));
            }
        });
        if (mapping.headerLine() > 0 && sheet.rows().stream().noneMatch(r -> r.line() == mapping.headerLine())) {
            issues.add(RowIssue.error(0, null, "La ligne d'en-tête " + mapping.headerLine() + " est vide ou n'existe pas."));
        }
        return issues;
    }

    /** Excel's name of a column: 0 → A, 26 → AA. */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }

    /**
     * Raises each tag counter past the tags the file keeps, before they are checked: an intake running meanwhile waits
     * on the counter row instead of handing out one of them.
     */
    private static void reserveKeptTags(DbExecute tx, List<Candidate> candidates) {
        Map<String, Integer> highest = new TreeMap<>();
        for (Candidate c : candidates) {
            if (c.tag() != null) {
                String[] parts = c.tag().split("-");
                highest.merge(parts[0] + "-" + parts[1], Integer.parseInt(parts[2]), Math::max);
            }
        }
        highest.forEach((prefixYear, value) -> {
            String[] parts = prefixYear.split("-");
            ImportRepository.raiseTagCounter(tx, parts[0], Integer.parseInt(parts[1]), value);
        });
    }

    /** Serials and tags already in the inventory; returns the candidates that remain without error. */
    private static List<Candidate> againstDatabase(DbExecute exec, List<Candidate> candidates, List<RowIssue> issues) {
        JsonArrayBuilder serials = Jsonp.arrayBuilder();
        JsonArrayBuilder tags = Jsonp.arrayBuilder();
        for (Candidate c : candidates) {
            if (c.serial() != null) {
                serials.add(Jsonp.objectBuilder().add("type", c.type().name()).add("serial", c.serial()));
            }
            if (c.tag() != null) {
                tags.add(c.tag());
            }
        }
        Map<String, String> serialTaken = ImportRepository.serialsTaken(exec, serials.build());
        Set<String> tagTaken = ImportRepository.tagsTaken(exec, tags.build());
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            boolean ok = true;
            if (c.serial() != null && serialTaken.containsKey(c.serialKey())) {
                issues.add(RowIssue.error(c.line(), ImportField.SERIAL, "Ce numéro de série est déjà enregistré pour la machine "
                        + serialTaken.get(c.serialKey()) + "."));
                ok = false;
            }
            if (c.tag() != null && tagTaken.contains(c.tag())) {
                issues.add(RowIssue.error(c.line(), ImportField.TAG, "Le numéro d'inventaire " + c.tag()
                        + " est déjà porté par une autre machine."));
                ok = false;
            }
            if (ok) {
                kept.add(c);
            }
        }
        return kept;
    }

    /** "Mairie de Lille" and "MAIRIE DE LILLE" are one donor (names arrive with their spaces already collapsed). */
    static String donorKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Map<String, DonorRef> donors(DbExecute exec, List<Candidate> machines) {
        Map<String, Candidate> first = new LinkedHashMap<>();
        machines.forEach(c -> first.putIfAbsent(donorKey(c.donorName()), c));
        JsonArrayBuilder names = Jsonp.arrayBuilder();
        first.values().forEach(c -> names.add(c.donorName()));
        Map<String, DbRow> existing = ImportRepository.donorsByName(exec, names.build());
        Map<String, DonorRef> donors = new LinkedHashMap<>();
        first.forEach((key, c) -> {
            DbRow found = existing.get(c.donorName());
            donors.put(key, found == null ? new DonorRef(c.donorName(), c.donorKind(), null)
                    : new DonorRef(Rows.text(found, "name"), c.donorKind(), Rows.longValue(found, "id")));
        });
        return donors;
    }

    private static ImportReport report(String fileName, Spreadsheet sheet, ColumnMapping mapping, int rows,
                                       List<Candidate> machines, List<RowIssue> issues, Map<String, DonorRef> donors) {
        int errors = (int) issues.stream().filter(RowIssue::blocking).count();
        int rowsWithErrors = (int) issues.stream().filter(i -> i.blocking() && i.line() > 0).mapToInt(RowIssue::line)
                .distinct().count();
        List<RowIssue> listed = issues.stream()
                .sorted(Comparator.comparing(RowIssue::severity).thenComparingInt(RowIssue::line))
                .limit(ImportReport.MAX_ISSUES).toList();
        Map<MachineType, Integer> byType = new EnumMap<>(MachineType.class);
        Map<MachineState, Integer> byState = new EnumMap<>(MachineState.class);
        Map<String, Integer> bySite = new TreeMap<>();
        Map<String, Integer> byDonor = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> donations = new HashSet<>();
        int kept = 0;
        int heldBack = 0;
        for (Candidate c : machines) {
            byType.merge(c.type(), 1, Integer::sum);
            byState.merge(c.entry(), 1, Integer::sum);
            bySite.merge(c.site().name(), 1, Integer::sum);
            String key = donorKey(c.donorName());
            byDonor.merge(donors.get(key).name(), 1, Integer::sum);
            donations.add(key + "|" + c.site().id() + "|" + c.receivedOn());
            kept += c.tag() != null ? 1 : 0;
            heldBack += c.entry() != c.declared() ? 1 : 0;
        }
        List<String> toCreate = donors.values().stream().filter(d -> d.existingId() == null).map(DonorRef::name).toList();
        return new ImportReport(fileName, sheet.source().describe(), mapping, rows, machines.size(), errors, rowsWithErrors,
                issues.size() - errors, listed, byType, byState, bySite, byDonor, toCreate, donations.size(), kept,
                machines.size() - kept, heldBack);
    }
}
