package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Site;
import fr.parcsolidaire.platform.http.Formats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the rows of a file into machines to create, with one French sentence per faulty cell. Pure: what needs the
 * database (serials and tags already taken, donors that exist) is checked afterwards on the rows that passed.
 */
final class RowValidator {

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final Pattern TAG = Pattern.compile("([A-Z]{2,6})-([0-9]{4})-([0-9]{5})");
    /** Lengths the machines, donors and events tables accept. */
    private static final int BRAND_MAX = 80;
    private static final int MODEL_MAX = 120;
    private static final int SERIAL_MAX = 80;
    private static final int DONOR_MAX = 200;
    private static final int PREVIOUS_TAG_MAX = 80;
    /** A cell quoted in a message is cut here: the message stays a sentence. */
    private static final int QUOTE_MAX = 40;

    record Result(int rows, List<Candidate> candidates, List<RowIssue> issues) {
    }

    private final ColumnMapping mapping;
    private final ImportRequest request;
    private final List<Site> sites;
    private final User actor;
    private final LocalDate today;
    private final boolean excelSerials;
    private final boolean date1904;

    RowValidator(Spreadsheet.Source source, ColumnMapping mapping, ImportRequest request, List<Site> sites, User actor,
                 LocalDate today) {
        this.mapping = mapping;
        this.request = request;
        this.sites = sites;
        this.actor = actor;
        this.today = today;
        this.excelSerials = source.format() == Spreadsheet.Format.XLSX;
        this.date1904 = source.date1904();
    }

    Result validate(List<Spreadsheet.Row> rows) {
        List<RowIssue> issues = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        Site defaultSite = defaultSite(issues);
        Map<String, Integer> serials = new HashMap<>();
        Map<String, Integer> tags = new HashMap<>();
        int count = 0;
        for (Spreadsheet.Row row : rows) {
            if (row.line() <= mapping.headerLine() || blank(row)) {
                continue;
            }
            count++;
            List<RowIssue> own = new ArrayList<>();
            Candidate c = read(row, defaultSite, own);
            if (c != null) {
                duplicate(serials, c.serialKey(), c.line(), ImportField.SERIAL, own,
                        "Ce numéro de série figure déjà ligne %d pour le même type de matériel.");
                duplicate(tags, c.tag(), c.line(), ImportField.TAG, own, "Ce numéro d'inventaire figure déjà ligne %d.");
            }
            issues.addAll(own);
            if (c != null && own.stream().noneMatch(RowIssue::blocking)) {
                candidates.add(c);
            }
        }
        if (count == 0 && issues.isEmpty()) {
            issues.add(RowIssue.error(0, null, mapping.headerLine() > 0
                    ? "Le fichier ne contient aucune machine sous la ligne d'en-tête " + mapping.headerLine() + "."
                    : "Le fichier ne contient aucune machine."));
        }
        return new Result(count, candidates, issues);
    }

    private Site defaultSite(List<RowIssue> issues) {
        if (request.defaultSite() == null || request.defaultSite().isBlank()) {
            return null;
        }
        Site site = site(request.defaultSite());
        if (site == null) {
            issues.add(RowIssue.error(0, ImportField.SITE, "Le site par défaut « " + quote(request.defaultSite())
                    + " » n'existe pas. Sites connus : " + siteNames() + "."));
        }
        return site;
    }

    private boolean blank(Spreadsheet.Row row) {
        return mapping.columns().values().stream().allMatch(c -> row.cell(c).isBlank());
    }

    private String cell(Spreadsheet.Row row, ImportField field) {
        return mapping.has(field) ? row.cell(mapping.column(field)).strip() : "";
    }

    private Candidate read(Spreadsheet.Row row, Site defaultSite, List<RowIssue> issues) {
        int line = row.line();
        MachineType type = type(line, cell(row, ImportField.TYPE), issues);
        String brand = text(line, ImportField.BRAND, cell(row, ImportField.BRAND), BRAND_MAX, issues);
        String model = text(line, ImportField.MODEL, cell(row, ImportField.MODEL), MODEL_MAX, issues);
        String serial = text(line, ImportField.SERIAL, cell(row, ImportField.SERIAL), SERIAL_MAX, issues);
        Site site = site(line, cell(row, ImportField.SITE), defaultSite, issues);
        MachineState declared = state(line, cell(row, ImportField.STATE), issues);
        String donor = donor(line, cell(row, ImportField.DONOR), issues);
        DonorKind kind = donorKind(line, cell(row, ImportField.DONOR_KIND), issues);
        LocalDate receivedOn = date(line, cell(row, ImportField.RECEIVED_ON), issues);
        String[] tag = tag(line, cell(row, ImportField.TAG), site, issues);
        EntryState.Decision entry = null;
        if (type != null && declared != null) {
            entry = EntryState.decide(declared, type);
            if (entry.refusal() != null) {
                issues.add(RowIssue.error(line, ImportField.STATE, entry.refusal()));
            } else if (entry.entry() != declared) {
                issues.add(RowIssue.warning(line, ImportField.STATE, "Machine déclarée « " + declared.label()
                        + " » : elle entrera « " + entry.entry().label() + " », faute de preuve d'effacement des données."));
            }
        }
        if (issues.stream().anyMatch(RowIssue::blocking)) {
            return null;
        }
        return new Candidate(line, type, brand, model, serial, tag[0], tag[1], declared, entry.entry(), site, donor, kind,
                receivedOn);
    }

    private static MachineType type(int line, String text, List<RowIssue> issues) {
        if (text.isEmpty()) {
            issues.add(RowIssue.error(line, ImportField.TYPE, "Type de matériel manquant."));
            return null;
        }
        return Vocabulary.type(text).orElseGet(() -> {
            issues.add(RowIssue.error(line, ImportField.TYPE, "Type de matériel « " + quote(text) + " » inconnu : indiquez "
                    + labels(MachineType.values(), MachineType::label) + "."));
            return null;
        });
    }

    private static MachineState state(int line, String text, List<RowIssue> issues) {
        if (text.isEmpty()) {
            return MachineState.RECEIVED;
        }
        return Vocabulary.state(text).orElseGet(() -> {
            issues.add(RowIssue.error(line, ImportField.STATE, "État « " + quote(text) + " » inconnu : indiquez "
                    + labels(new MachineState[]{MachineState.RECEIVED, MachineState.IN_DIAGNOSIS,
                    MachineState.IN_RECONDITIONING, MachineState.READY}, MachineState::label) + " (vide : Reçue)."));
            return null;
        });
    }

    private static String text(int line, ImportField field, String text, int max, List<RowIssue> issues) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            issues.add(RowIssue.error(line, field, "« " + field.label() + " » : " + max + " caractères au plus (la cellule en compte "
                    + text.length() + ")."));
            return null;
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            issues.add(RowIssue.error(line, field, field.label() + " : la cellule contient des caractères invisibles "
                    + "non autorisés (retour à la ligne, tabulation…)."));
            return null;
        }
        // A cell starting with = + - @ is stored as the text it is; exports defuse it again (reports/CellDefuser).
        return text;
    }

    private Site site(int line, String text, Site defaultSite, List<RowIssue> issues) {
        Site site;
        if (text.isEmpty()) {
            if (defaultSite == null) {
                issues.add(RowIssue.error(line, ImportField.SITE,
                        "Site manquant : remplissez la colonne Site ou choisissez un site par défaut."));
                return null;
            }
            site = defaultSite;
        } else {
            site = site(text);
            if (site == null) {
                issues.add(RowIssue.error(line, ImportField.SITE, "Site « " + quote(text) + " » inconnu. Sites connus : "
                        + siteNames() + "."));
                return null;
            }
        }
        if (actor.role() != Role.ADMIN && actor.siteId() != null && actor.siteId() != site.id()) {
            issues.add(RowIssue.error(line, ImportField.SITE, "Votre compte est rattaché à un autre site : vous ne pouvez "
                    + "pas importer de machines pour le site « " + site.name() + " »."));
            return null;
        }
        return site;
    }

    private Site site(String text) {
        String key = Vocabulary.key(text);
        return sites.stream().filter(s -> s.code().equalsIgnoreCase(text.strip()) || Vocabulary.key(s.name()).equals(key))
                .findFirst().orElse(null);
    }

    private String siteNames() {
        return sites.stream().map(s -> s.name() + " (" + s.code() + ")").collect(Collectors.joining(", "));
    }

    private String donor(int line, String text, List<RowIssue> issues) {
        String given = text.isEmpty() ? request.defaultDonor() == null ? "" : request.defaultDonor() : text;
        // "Mairie  de Lille " and "Mairie de Lille" are one donor, recorded once with single spaces.
        String name = given.strip().replaceAll("[ \\u00a0]+", " ");
        if (name.isEmpty()) {
            issues.add(RowIssue.error(line, ImportField.DONOR,
                    "Donateur manquant : remplissez la colonne Donateur ou choisissez un donateur par défaut."));
            return null;
        }
        return text(line, ImportField.DONOR, name, DONOR_MAX, issues);
    }

    private DonorKind donorKind(int line, String text, List<RowIssue> issues) {
        if (text.isEmpty()) {
            return request.donorKindOrDefault();
        }
        return Vocabulary.donorKind(text).orElseGet(() -> {
            issues.add(RowIssue.error(line, ImportField.DONOR_KIND, "Type de donateur « " + quote(text) + " » inconnu : "
                    + "indiquez " + labels(DonorKind.values(), DonorKind::label) + "."));
            return null;
        });
    }

    private LocalDate date(int line, String text, List<RowIssue> issues) {
        LocalDate date;
        if (text.isEmpty()) {
            date = request.defaultReceivedOn();
            if (date == null) {
                issues.add(RowIssue.error(line, ImportField.RECEIVED_ON,
                        "Date de réception manquante : remplissez la colonne ou choisissez une date par défaut."));
                return null;
            }
        } else {
            date = FrenchDates.parse(text, excelSerials, date1904);
            if (date == null) {
                issues.add(RowIssue.error(line, ImportField.RECEIVED_ON, "Date « " + quote(text) + " » illisible : "
                        + "écrivez-la JJ/MM/AAAA, par exemple 28/11/2026."));
                return null;
            }
        }
        if (date.isBefore(EARLIEST) || date.isAfter(today)) {
            issues.add(RowIssue.error(line, ImportField.RECEIVED_ON, "La date de réception (" + Formats.date(date)
                    + ") doit être comprise entre le " + Formats.date(EARLIEST) + " et aujourd'hui."));
            return null;
        }
        return date;
    }

    /** [tag to keep, former number to remember]: both null for a blank cell. */
    private String[] tag(int line, String text, Site site, List<RowIssue> issues) {
        if (text.isEmpty()) {
            return new String[2];
        }
        String normalised = text.toUpperCase(Locale.ROOT);
        Matcher m = TAG.matcher(normalised);
        if (!m.matches()) {
            String former = text(line, ImportField.TAG, text, PREVIOUS_TAG_MAX, issues);
            if (former != null) {
                issues.add(RowIssue.warning(line, ImportField.TAG, "« " + quote(text) + " » n'est pas un numéro d'inventaire "
                        + "du service : un nouveau numéro sera attribué, l'ancien restera dans l'historique de la machine."));
            }
            return new String[]{null, former};
        }
        int year = Integer.parseInt(m.group(2));
        if (year < EARLIEST.getYear() || year > today.getYear()) {
            issues.add(RowIssue.error(line, ImportField.TAG, "Le numéro d'inventaire " + normalised + " porte l'année " + year
                    + " : elle doit être comprise entre " + EARLIEST.getYear() + " et " + today.getYear() + "."));
            return new String[2];
        }
        if (site != null && !m.group(1).equals(site.tagPrefix())) {
            String owner = sites.stream().filter(s -> s.tagPrefix().equals(m.group(1))).map(s -> "du site « " + s.name() + " »")
                    .findFirst().orElse("d'aucun site connu");
            issues.add(RowIssue.error(line, ImportField.TAG, "Le numéro d'inventaire " + normalised + " porte le préfixe "
                    + m.group(1) + " " + owner + " ; les machines du site « " + site.name() + " » sont numérotées "
                    + site.tagPrefix() + "-AAAA-NNNNN."));
            return new String[2];
        }
        return new String[]{normalised, null};
    }

    private static void duplicate(Map<String, Integer> seen, String key, int line, ImportField field, List<RowIssue> issues,
                                  String message) {
        if (key == null) {
            return;
        }
        Integer first = seen.putIfAbsent(key, line);
        if (first != null) {
            issues.add(RowIssue.error(line, field, String.format(message, first)));
        }
    }

    static String quote(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= QUOTE_MAX ? oneLine : oneLine.substring(0, QUOTE_MAX) + "…";
    }

    private static <E> String labels(E[] values, java.util.function.Function<E, String> label) {
        List<String> all = Arrays.stream(values).map(label).toList();
        return String.join(", ", all.subList(0, all.size() - 1)) + " ou " + all.getLast();
    }
}
