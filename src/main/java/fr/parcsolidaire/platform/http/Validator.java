package fr.parcsolidaire.platform.http;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects one French message per field while raw input is turned into typed values,
 * then throws them all at once, so a form shows every mistake in one round trip.
 */
public final class Validator {

    private final Map<String, String> errors = new LinkedHashMap<>();

    public String required(String field, String value, int maxLength) {
        String v = trimmed(value);
        if (v == null) {
            errors.putIfAbsent(field, "Ce champ est obligatoire.");
            return null;
        }
        return length(field, v, maxLength);
    }

    public String optional(String field, String value, int maxLength) {
        String v = trimmed(value);
        return v == null ? null : length(field, v, maxLength);
    }

    private String length(String field, String v, int maxLength) {
        if (v.length() > maxLength) {
            errors.putIfAbsent(field, "Ce champ ne peut dépasser " + maxLength + " caractères.");
            return null;
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.putIfAbsent(field, "Ce champ contient des caractères non autorisés.");
            return null;
        }
        return v;
    }

    public <E extends Enum<E>> E requiredEnum(String field, String value, Class<E> type, Function<E, String> label) {
        String v = trimmed(value);
        if (v == null) {
            errors.putIfAbsent(field, "Ce champ est obligatoire.");
            return null;
        }
        return parseEnum(field, v, type, label);
    }

    public <E extends Enum<E>> E optionalEnum(String field, String value, Class<E> type, Function<E, String> label) {
        String v = trimmed(value);
        return v == null ? null : parseEnum(field, v, type, label);
    }

    private <E extends Enum<E>> E parseEnum(String field, String v, Class<E> type, Function<E, String> label) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(label.apply(constant));
            }
            errors.putIfAbsent(field, "Valeur inconnue. Choisissez parmi : " + allowed + ".");
            return null;
        }
    }

    public LocalDate date(String field, String value, boolean required, LocalDate min, LocalDate max) {
        String v = trimmed(value);
        if (v == null) {
            if (required) {
                errors.putIfAbsent(field, "Ce champ est obligatoire.");
            }
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(v);
            if (d.isBefore(min) || d.isAfter(max)) {
                errors.putIfAbsent(field, "La date doit être comprise entre le " + Formats.date(min)
                        + " et le " + Formats.date(max) + ".");
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.putIfAbsent(field, "Date invalide (format attendu : AAAA-MM-JJ).");
            return null;
        }
    }

    public BigDecimal decimal(String field, String value, boolean required, BigDecimal min, BigDecimal max) {
        String v = trimmed(value);
        if (v == null) {
            if (required) {
                errors.putIfAbsent(field, "Ce champ est obligatoire.");
            }
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.replace(',', '.'));
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                errors.putIfAbsent(field, "La valeur doit être comprise entre " + min.toPlainString()
                        + " et " + max.toPlainString() + ".");
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            errors.putIfAbsent(field, "Nombre invalide.");
            return null;
        }
    }

    public Integer integer(String field, String value, boolean required, int min, int max) {
        BigDecimal d = decimal(field, value, required, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        if (d == null) {
            return null;
        }
        if (d.stripTrailingZeros().scale() > 0) {
            errors.putIfAbsent(field, "Un nombre entier est attendu.");
            return null;
        }
        return d.intValueExact();
    }

    public Boolean bool(String field, String value, boolean required) {
        String v = trimmed(value);
        if (v == null) {
            if (required) {
                errors.putIfAbsent(field, "Ce champ est obligatoire.");
            }
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "on", "oui", "1" -> true;
            case "false", "off", "non", "0" -> false;
            default -> {
                errors.putIfAbsent(field, "Répondez par oui ou non.");
                yield null;
            }
        };
    }

    public void reject(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }
}
