package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.reports.ImpactFactors;
import fr.parcsolidaire.reports.SmallCount;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome report as lines (section, figure, value, footnote) and its footnotes, the definitions of each
 * figure. The page, the PDF and the spreadsheet print these same lines, so they cannot disagree; the JSON is
 * built from the same {@link OutcomeReport}.
 */
final class OutcomeLines {

    static final String WITHHELD = "répartition non publiée";

    /** A value is a Long or BigDecimal (a number a spreadsheet may add up) or a French text ("< 5", "62 % …"). */
    record Line(String section, String label, Object value, int note) {
        String shown() {
            return OutcomeLines.shown(value);
        }
    }

    record Note(int number, String text) {
    }

    static final int PEOPLE = 1;
    static final int LENT = 2;
    static final int GIVEN = 3;
    static final int RECEIVED = 4;
    static final int WORKSHOPS = 5;
    static final int COMPLETION = 6;
    static final int PROGRESSED = 7;
    static final int CAPABLE = 8;
    static final int STILL_USING = 9;
    static final int IMPACT = 10;
    static final int COST = 11;
    static final int SECRECY = 12;

    private OutcomeLines() {
    }

    static List<Note> notes(OutcomeReport r) {
        return List.of(
                new Note(PEOPLE, "Personnes touchées : personnes distinctes ayant reçu une machine (prêt ou don commencé dans la "
                        + "période) ou inscrites à une session de parcours qui se déroule pendant la période ; avec un programme, "
                        + "seulement les attributions et les sessions rattachées au programme ; avec un site, les personnes "
                        + "inscrites sur ce site. Répartitions par tranche d'âge, situation et commune ; une commune de moins de "
                        + "5 personnes n'est jamais nommée."),
                new Note(LENT, "Machines prêtées : attributions commencées dans la période qui ont débuté comme prêt (y compris "
                        + "les prêts devenus dons), par type de machine ; site de la machine."),
                new Note(GIVEN, "Machines données : dons directs commencés dans la période et prêts transformés en don pendant la "
                        + "période, par type de machine."),
                new Note(RECEIVED, "Machines reçues : machines des dons de matériel reçus dans la période ; avec un programme, "
                        + "des seuls dons rattachés au programme."),
                new Note(WORKSHOPS, "Ateliers tenus et heures de présence : ateliers des sessions de la période (rattachées au "
                        + "programme s'il est choisi) ; heures = durée de chaque atelier × participants présents. Tant que les "
                        + "ateliers ne sont pas enregistrés dans le service, ces deux chiffres valent 0."),
                new Note(COMPLETION, "Taux de fin de parcours : parmi les personnes inscrites aux sessions de la période, part "
                        + "dont le parcours est terminé."),
                new Note(PROGRESSED, "Part qui a progressé : parmi les participants de ces sessions ayant rempli l'auto-évaluation "
                        + "d'entrée et celle de sortie, part dont le niveau moyen sur les affirmations de compétences (de 1 « Non, "
                        + "pas du tout » à 4 « Oui, très bien ») est plus élevé à la sortie qu'à l'entrée."),
                new Note(CAPABLE, "Part qui se sent capable à la sortie : parmi les participants ayant rempli l'auto-évaluation "
                        + "de sortie, part qui répond « Oui, plutôt » ou « Oui, très bien » à « Je me sens capable d'utiliser "
                        + "un ordinateur seul »."),
                new Note(STILL_USING, "Part qui utilise encore la machine à 6 mois : parmi les suivis à 6 mois répondus des remises "
                        + "de la période, part qui utilise la machine tous les jours, chaque semaine ou rarement ; les "
                        + "personnes injoignables (trois essais sans réponse) ne sont pas dans la part et sont comptées à part."),
                new Note(IMPACT, "Impact : " + ImpactFactors.RULE + " Déchets évités = machines × poids du type ; CO2e évité = "
                        + "machines × kg CO2e par an × années de seconde vie. Source : " + r.impact().source()),
                new Note(COST, "Coût par personne : budget du programme ÷ personnes touchées pendant la période choisie ; publié "
                        + "seulement pour un programme qui a un budget, quand le nombre de personnes l'est."),
                new Note(SECRECY, "Secret statistique : un effectif de 1 à 4 personnes est écrit « < 5 » ; une case qui "
                        + "permettrait de le retrouver est « masqué » ; une part n'est publiée que si ni elle ni son "
                        + "complément n'est un petit effectif."));
    }

    static List<Line> of(OutcomeReport r) {
        List<Line> out = new ArrayList<>();
        String people = "Personnes touchées";
        out.add(new Line(people, "Total", cell(r.people().total()), PEOPLE));
        breakdown(out, people, "Tranche d'âge", r.people().byAge());
        breakdown(out, people, "Situation", r.people().bySituation());
        breakdown(out, people, "Commune", r.people().byCommune());

        String machines = "Matériel";
        out.add(new Line(machines, "Machines reçues", r.machinesReceived(), RECEIVED));
        for (OutcomeReport.MachineLine m : r.machines()) {
            if (m.lent() > 0 || m.given() > 0) {
                out.add(new Line(machines, "Prêtées — " + m.type().label(), m.lent(), LENT));
                out.add(new Line(machines, "Données — " + m.type().label(), m.given(), GIVEN));
            }
        }
        out.add(new Line(machines, "Prêtées — total", r.lentTotal(), LENT));
        out.add(new Line(machines, "Données — total", r.givenTotal(), GIVEN));

        String course = "Parcours";
        out.add(new Line(course, "Ateliers tenus", (long) r.course().workshopsHeld(), WORKSHOPS));
        out.add(new Line(course, "Heures de présence", BigDecimal.valueOf(r.course().attendanceHours()).setScale(1, java.math.RoundingMode.HALF_UP), WORKSHOPS));
        out.add(new Line(course, "Taux de fin de parcours", r.completion().shown(), COMPLETION));

        String results = "Résultats pour les personnes";
        out.add(new Line(results, "Ont progressé (auto-évaluation)", r.progressed().shown(), PROGRESSED));
        out.add(new Line(results, "Se sentent capables à la sortie", r.capableAtExit().shown(), CAPABLE));
        out.add(new Line(results, "Utilisent encore la machine à 6 mois", r.stillUsingAt6Months().shown(), STILL_USING));
        out.add(new Line(results, "Injoignables au suivi à 6 mois", cell(r.unreachableAt6Months()), STILL_USING));

        String impact = "Impact environnemental";
        out.add(new Line(impact, "Machines remises en service pour la première fois", r.impact().machines(), IMPACT));
        out.add(new Line(impact, "Déchets évités (kg)", r.impact().ewasteAvoidedKg(), IMPACT));
        out.add(new Line(impact, "CO2e évité (kg)", r.impact().co2eAvoidedKg(), IMPACT));

        String cost = "Coût";
        if (r.cost().budget() != null) {
            out.add(new Line(cost, "Budget du programme (€)", r.cost().budget(), COST));
        }
        out.add(new Line(cost, "Coût par personne touchée (€)", r.cost().perPerson() != null ? r.cost().perPerson()
                : "non calculé (" + r.cost().notPublished() + ")", COST));

        ProgrammeService.Programme p = r.period().programme();
        if (p != null) {
            String targets = "Objectifs du programme";
            if (p.targetPeople() != null) {
                out.add(new Line(targets, "Personnes à toucher", (long) p.targetPeople(), PEOPLE));
            }
            if (p.targetMachines() != null) {
                out.add(new Line(targets, "Machines à remettre", (long) p.targetMachines(), LENT));
            }
            if (p.targetWorkshops() != null) {
                out.add(new Line(targets, "Ateliers à tenir", (long) p.targetWorkshops(), WORKSHOPS));
            }
        }
        return out;
    }

    /** The lines grouped by section, in order. */
    static Map<String, List<Line>> sections(List<Line> lines) {
        Map<String, List<Line>> out = new LinkedHashMap<>();
        lines.forEach(l -> out.computeIfAbsent(l.section(), k -> new ArrayList<>()).add(l));
        return out;
    }

    private static void breakdown(List<Line> out, String section, String dimension, SmallCount.Breakdown b) {
        if (b.withheld()) {
            out.add(new Line(section, dimension, WITHHELD, SECRECY));
            return;
        }
        for (SmallCount.Cell c : b.cells()) {
            out.add(new Line(section, dimension + " — " + c.label(), cell(c), c.suppressed() ? SECRECY : PEOPLE));
        }
    }

    /** A protected count: its number when shown, "< 5" or "masqué" when hidden (the number is not even here). */
    private static Object cell(SmallCount.Cell c) {
        return c.suppressed() ? c.shown() : (Object) c.value();
    }

    static String shown(Object value) {
        return switch (value) {
            case BigDecimal d -> Formats.number(d.stripTrailingZeros().scale() < 0 ? d.setScale(0) : d);
            case null -> "";
            default -> value.toString();
        };
    }
}
