package fr.parcsolidaire.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Choices for a select: enum constant name → French label, in declaration order. */
public final class Options {

    private Options() {
    }

    public static <E extends Enum<E>> Map<String, String> of(E[] constants, Function<E, String> label) {
        Map<String, String> options = new LinkedHashMap<>();
        for (E e : constants) {
            options.put(e.name(), label.apply(e));
        }
        return options;
    }
}
