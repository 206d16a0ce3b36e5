package fr.parcsolidaire.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the disks of a report with the storage devices on record, by serial alone (case and spacing ignored):
 * models are truncated by nwipe and written differently by every tool, device names change from one boot to the
 * next. Also writes the French answer when nothing pairs.
 */
final class SerialMatch {

    /** A storage device on record. */
    record Known(long id, String serial, String model) {
    }

    private SerialMatch() {
    }

    /** For each report disk, in order, the device it pairs with, or null. */
    static List<Known> pair(List<WipedDevice> disks, List<Known> known) {
        Map<String, Known> byKey = new LinkedHashMap<>();
        for (Known k : known) {
            String key = Serials.key(k.serial());
            if (key != null) {
                byKey.putIfAbsent(key, k);
            }
        }
        List<Known> pairs = new ArrayList<>(disks.size());
        for (WipedDevice d : disks) {
            String key = Serials.key(d.serial());
            pairs.add(key == null ? null : byKey.get(key));
        }
        return pairs;
    }

    /** "N° de série du fichier : A, B ; 1 disque sans n° de série" */
    static String found(List<String> serials) {
        List<String> printed = new ArrayList<>();
        int without = 0;
        for (String s : serials) {
            if (s == null) {
                without++;
            } else {
                printed.add(s);
            }
        }
        String list = printed.isEmpty() ? "aucun" : String.join(", ", printed);
        return "N° de série du fichier : " + list
                + (without == 0 ? "" : " ; " + without + (without == 1 ? " disque sans n° de série (ou masqué)"
                : " disques sans n° de série (ou masqués)"));
    }

    /** The refusal for one machine: the serials found and the serials known. */
    static String noneOnMachine(String tag, List<String> serialsFound, List<Known> known) {
        List<String> names = known.stream().map(k -> SmartHealth.name(k.serial(), k.model(), k.id())).toList();
        return "Aucun disque de ce fichier ne correspond aux supports de la machine " + tag
                + " (n° de série comparés sans tenir compte des majuscules ni des espaces). " + found(serialsFound)
                + ". Supports enregistrés sur la machine : "
                + (names.isEmpty() ? "aucun (déclarez d'abord ses disques au diagnostic)" : String.join(", ", names)) + ".";
    }

    /** The refusal for a bulk import: no machine has any of these serials. */
    static String noneAnywhere(List<String> serialsFound) {
        return "Aucun disque de ce fichier ne correspond à un support enregistré sur une machine en atelier "
                + "(n° de série comparés sans tenir compte des majuscules ni des espaces). " + found(serialsFound) + ".";
    }
}
