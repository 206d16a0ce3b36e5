package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One line of an assignment's history. */
record AssignmentEvent(long id, String kind, String actor, OffsetDateTime at, String note, String data) {

    public String label() {
        return label(kind);
    }

    /** The French words for an assignment event's code (the JSON API keeps the code). */
    static String label(String kind) {
        return switch (kind) {
            case "CREATED" -> "Attribution";
            case "EXTENDED" -> "Prolongation";
            case "CONVERTED_TO_GIFT" -> "Prêt transformé en don";
            case "RETURNED" -> "Restitution";
            case "LOST" -> "Perte";
            case "INCIDENT" -> "Incident";
            case "CONTRACT_GENERATED" -> "Document généré";
            case "CONTRACT_SIGNED" -> "Document signé";
            case "GIFT_CANCELLED" -> "Don annulé, prêt rétabli";
            case "RETURN_PLANNED" -> "Restitution prévue";
            default -> "Modification";
        };
    }

    /**
     * The event's data as the history of an assignment that is now {@code current}: a gift has no due date, so the
     * return dates its loan once had are left out of its page (they stay in the journal and the API, and show again
     * if the gift is cancelled and the loan restored).
     */
    public List<String> details(AssignmentKind current) {
        List<String> lines = details();
        return current == AssignmentKind.GIFT ? lines.stream().filter(l -> !l.startsWith(DUE_ON)).toList() : lines;
    }

    private static final String DUE_ON = "Retour prévu le ";

    /** The event's data in French ("État constaté : Bon état"), never its codes nor ISO dates. */
    public List<String> details() {
        if (data == null || data.isBlank()) {
            return List.of();
        }
        JsonObject o;
        try (var reader = Jsonp.reader(new StringReader(data))) {
            o = reader.readObject();
        } catch (RuntimeException notAnObject) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (o.get("condition") instanceof JsonString c) {
            lines.add("État constaté : " + Arrays.stream(ReturnCondition.values()).filter(r -> r.name().equals(c.getString()))
                    .map(ReturnCondition::label).findFirst().orElse("non précisé"));
        }
        if (o.get("returnedOn") instanceof JsonString d) {
            lines.add("Rendue le " + date(d.getString()));
        }
        if (o.get("missingAccessories") instanceof JsonArray missing) {
            List<String> names = missing.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            lines.add("Accessoires manquants : " + (names.isEmpty() ? "aucun" : String.join(", ", names)));
        }
        if (o.get("dueOn") instanceof JsonString d) {
            lines.add(DUE_ON + date(d.getString()));
        }
        if (kind.equals("INCIDENT") && o.get("kind") instanceof JsonString k) {
            lines.add("Nature : " + Arrays.stream(IncidentKind.values()).filter(i -> i.name().equals(k.getString()))
                    .map(IncidentKind::label).findFirst().orElse("autre"));
        }
        if (o.get("occurredOn") instanceof JsonString d) {
            lines.add("Survenu le " + date(d.getString()));
        }
        return lines;
    }

    private static String date(String iso) {
        try {
            return Formats.date(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            return "date illisible";
        }
    }
}
