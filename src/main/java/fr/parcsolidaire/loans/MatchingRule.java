package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.Grade;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.http.Formats;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How well a READY machine suits a waiting person, as points with the reasons in French (docs/handover.md, "La règle
 * de rapprochement"). Same site always comes first: the rule only orders within "same site" and "other site".
 * Pure: the ranking is reproducible on a fixture.
 */
final class MatchingRule {

    static final BigDecimal LARGE_SCREEN = new BigDecimal("15");
    static final BigDecimal LIGHT_SCREEN = new BigDecimal("14");

    private MatchingRule() {
    }

    /** Points and reasons of the machine for the person. */
    record Fit(int points, List<String> reasons) {
    }

    static Fit fit(MatchCandidate m, WaitingEntry p) {
        List<String> reasons = new ArrayList<>();
        int points = 0;
        if (m.siteId() == p.siteId()) {
            reasons.add("Même site (" + m.siteName() + ")");
        } else {
            reasons.add("Autre site (" + m.siteName() + ")");
        }
        boolean jobSeeker = p.uses(WaitingUse.JOB_SEARCH);
        if (jobSeeker || p.needs(WaitingNeed.WEBCAM)) {
            if (Boolean.TRUE.equals(m.webcam())) {
                points += 30;
                reasons.add(jobSeeker ? "Webcam testée : utile pour les entretiens en visio" : "Webcam testée");
            } else {
                points -= 30;
                reasons.add("Pas de webcam testée : prévoir une webcam USB");
            }
        }
        BigDecimal screen = m.screenInches();
        if (p.older() || p.needs(WaitingNeed.LARGE_SCREEN) || p.needs(WaitingNeed.ACCESSIBILITY)) {
            String why = p.needs(WaitingNeed.LARGE_SCREEN) || p.needs(WaitingNeed.ACCESSIBILITY)
                    ? "plus lisible" : "plus confortable pour une personne âgée";
            if (screen == null) {
                reasons.add("Taille d'écran non relevée");
            } else if (screen.compareTo(LARGE_SCREEN) >= 0) {
                points += 20;
                reasons.add("Grand écran (" + inches(screen) + ") : " + why);
            } else {
                points -= 20;
                reasons.add("Écran de " + inches(screen) + " : petit pour ce besoin");
            }
        }
        if (p.needs(WaitingNeed.LIGHT)) {
            if (m.type() == MachineType.DESKTOP) {
                points -= 40;
                reasons.add("Ordinateur fixe : ne se transporte pas");
            } else if (screen != null && screen.compareTo(LIGHT_SCREEN) <= 0) {
                points += 15;
                reasons.add("Léger à transporter (" + inches(screen) + ")");
            } else if (screen != null && screen.compareTo(LARGE_SCREEN) >= 0) {
                points -= 10;
                reasons.add("Portable de " + inches(screen) + " : plus lourd à transporter");
            }
        }
        if (m.grade() != null) {
            points += m.grade() == Grade.A ? 15 : m.grade() == Grade.B ? 8 : 0;
            reasons.add("Grade " + m.grade().name());
        }
        if (m.batteryHealth() != null && (m.type() == MachineType.LAPTOP || m.type() == MachineType.TABLET)) {
            if (m.batteryHealth() >= 80) {
                points += 10;
                reasons.add("Batterie en bon état (" + m.batteryHealth() + " %)");
            } else if (m.batteryHealth() < 50) {
                points -= 15;
                reasons.add("Batterie faible (" + m.batteryHealth() + " %)");
            }
        }
        if (p.needs(WaitingNeed.MOUSE_BEGINNER)) {
            if (m.type() == MachineType.DESKTOP) {
                points += 5;
                reasons.add("Souris fournie avec l'ordinateur fixe");
            } else {
                reasons.add("Prévoir une souris en plus du pavé tactile");
            }
        }
        return new Fit(points, List.copyOf(reasons));
    }

    /**
     * What puts one waiting person before another for the same machine: the priority the social worker set, and
     * the time already waited (a point a month, twelve at most).
     */
    static Fit urgency(WaitingEntry p, LocalDate today) {
        List<String> reasons = new ArrayList<>();
        int points = switch (p.priority()) {
            case URGENT -> 30;
            case HIGH -> 15;
            case NORMAL -> 0;
        };
        if (p.priority() != WaitingPriority.NORMAL) {
            reasons.add("Priorité " + p.priority().label().toLowerCase(java.util.Locale.ROOT));
        }
        long months = Math.max(0, ChronoUnit.MONTHS.between(p.askedOn(), today));
        points += (int) Math.min(12, months);
        reasons.add("En attente depuis le " + Formats.date(p.askedOn()));
        return new Fit(points, List.copyOf(reasons));
    }

    static String inches(BigDecimal screen) {
        return Formats.number(screen.stripTrailingZeros()) + " pouces";
    }
}
