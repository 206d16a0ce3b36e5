package fr.parcsolidaire.inventory;

import jakarta.json.JsonNumber;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.Labelled;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One line of a machine's history: who did what, when, with which data. */
public record MachineEvent(long id, MachineEventKind kind, MachineState from, MachineState to, String actor,
                           OffsetDateTime at, String note, JsonObject data) {

    private static final Map<String, String> FIELD_LABELS = Map.ofEntries(
            Map.entry("grade", "Grade"), Map.entry("cpu", "Processeur"), Map.entry("ramGb", "Mémoire (Go)"),
            Map.entry("screenInches", "Écran (pouces)"), Map.entry("batteryHealth", "Batterie (%)"),
            Map.entry("kind", "Type"), Map.entry("capacityGb", "Capacité (Go)"), Map.entry("serial", "N° de série"),
            Map.entry("method", "Méthode"), Map.entry("tool", "Outil"), Map.entry("passes", "Passes"),
            Map.entry("verified", "Vérifié"), Map.entry("result", "Résultat"), Map.entry("performedOn", "Date"),
            Map.entry("parts", "Pièces remplacées"), Map.entry("osName", "Système"), Map.entry("osVersion", "Version"),
            Map.entry("osLicence", "Licence"), Map.entry("weightKg", "Poids (kg)"), Map.entry("channel", "Filière"),
            Map.entry("harvested", "Pièces récupérées"), Map.entry("vendor", "Fabricant"), Map.entry("product", "Produit"),
            Map.entry("donationId", "Don n°"),
            Map.entry("location", "Emplacement"), Map.entry("previous", "Emplacement précédent"),
            Map.entry("layout", "Modèle d'étiquettes"), Map.entry("importId", "Import n°"),
            Map.entry("previousTag", "Ancien numéro de l'atelier"));

    /** The event's data as French "label : value" lines for the history; internal ids are left out. */
    public List<String> details() {
        if (kind == MachineEventKind.SPECS_CORRECTED) {
            return SpecsCorrections.describe(data);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, JsonValue> e : data.entrySet()) {
            String label = FIELD_LABELS.get(e.getKey());
            if (e.getKey().equals("quality") && e.getValue() instanceof JsonObject q) {
                List<String> faults = q.entrySet().stream().filter(c -> !c.getValue().toString().contains("OK"))
                        .map(c -> QualityItem.labelOf(c.getKey())).toList();
                lines.add("Contrôle qualité : " + (faults.isEmpty() ? "tout est OK" : "sans objet pour " + String.join(", ", faults)));
            } else if (e.getKey().equals("declaredState") && e.getValue() instanceof JsonString declared) {
                lines.add("État déclaré dans le fichier : " + stateLabel(declared.getString()));
            } else if (label != null) {
                String value = e.getValue() instanceof JsonString str ? str.getString() : e.getValue().toString();
                lines.add(label + " : " + readable(e.getKey(), value));
            }
        }
        return lines;
    }

    /** A value as people read it: codes by their French label, dates as 28/11/2026 (docs/ui.md, "Glossaire"). */
    private static String readable(String key, String value) {
        return switch (key) {
            case "kind" -> switch (value) {
                case "LOAN" -> "Prêt";
                case "GIFT" -> "Remise en don";
                default -> labelOf(StorageKind.class, value);
            };
            case "method" -> labelOf(ErasureMethod.class, value);
            case "result" -> switch (value) {
                case "PASS" -> "réussi";
                case "FAIL" -> "échec";
                default -> value;
            };
            case "grade" -> labelOf(Grade.class, value);
            case "performedOn" -> {
                try {
                    yield Formats.date(LocalDate.parse(value));
                } catch (DateTimeParseException e) {
                    yield value;
                }
            }
            default -> switch (value) {
                case "true" -> "oui";
                case "false" -> "non";
                default -> value;
            };
        };
    }

    private static <E extends Enum<E> & Labelled> String labelOf(Class<E> type, String code) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(code)) {
                return e.label();
            }
        }
        return code;
    }

    public String label() {
        if (kind == MachineEventKind.IMPORTED && data.get("line") instanceof JsonNumber line) {
            // « Importée (fichier « stock.csv », ligne 12) »: the row a person can look up in their spreadsheet.
            return data.get("fileName") instanceof JsonString file
                    ? "Importée (fichier « " + file.getString() + " », ligne " + line + ")"
                    : "Importée (ligne " + line + " du fichier)";
        }
        return kind == MachineEventKind.TRANSITION ? from.label() + " → " + to.label() : kind.label();
    }

    private static String stateLabel(String code) {
        for (MachineState s : MachineState.values()) {
            if (s.name().equals(code)) {
                return s.label();
            }
        }
        return code;
    }
}
