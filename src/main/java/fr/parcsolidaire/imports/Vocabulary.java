package fr.parcsolidaire.imports;

import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The words workshops write in their spreadsheets for a type, a state or a kind of donor: the service's own
 * French labels, the API codes, and the usual synonyms in French and English. Compared without case, accents
 * or punctuation ("PC portable", "pc-portable", "Pc Portable" are one word).
 */
final class Vocabulary {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

    private static final Map<String, MachineType> TYPES = words(MachineType.class, MachineType::label, Map.of(
            MachineType.LAPTOP, List.of("portable", "pc portable", "ordinateur portable", "ordi portable", "laptop",
                    "notebook", "netbook", "ultraportable", "ultra portable", "macbook", "chromebook"),
            MachineType.DESKTOP, List.of("fixe", "pc fixe", "ordinateur fixe", "ordinateur de bureau", "pc de bureau",
                    "unite centrale", "uc", "tour", "pc tour", "mini pc", "tout en un", "desktop", "all in one"),
            MachineType.SCREEN, List.of("ecran", "moniteur", "ecran plat", "screen", "monitor"),
            MachineType.TABLET, List.of("tablette", "tablette tactile", "ipad", "tablet"),
            MachineType.PHONE, List.of("telephone", "telephone mobile", "smartphone", "mobile", "iphone", "gsm", "phone"),
            MachineType.PRINTER, List.of("imprimante", "multifonction", "imprimante multifonction", "printer"),
            MachineType.ACCESSORY, List.of("accessoire", "accessoires", "clavier", "souris", "chargeur", "cable",
                    "station d accueil", "dock", "webcam", "casque", "accessory", "keyboard", "mouse")));

    private static final Map<String, MachineState> STATES = words(MachineState.class, MachineState::label, Map.of(
            MachineState.RECEIVED, List.of("recue", "recu", "reception", "receptionnee", "arrivee", "entree",
                    "a diagnostiquer", "en attente", "nouveau", "nouvelle", "received", "new"),
            MachineState.IN_DIAGNOSIS, List.of("diagnostic", "en diagnostic", "en cours de diagnostic", "diag", "en test",
                    "in diagnosis"),
            MachineState.IN_RECONDITIONING, List.of("reconditionnement", "en reconditionnement", "en cours de reconditionnement",
                    "a reconditionner", "en reparation", "a reparer", "en preparation", "in reconditioning"),
            MachineState.READY, List.of("prete", "pret", "prets", "pretes", "disponible", "reconditionne",
                    "reconditionnee", "ready"),
            MachineState.ASSIGNED, List.of("attribuee", "attribue", "pretee", "en pret", "donnee", "remise", "remis",
                    "assigned"),
            MachineState.RETURNED, List.of("restituee", "restitue", "rendue", "rendu", "retour", "returned"),
            MachineState.SCRAPPED, List.of("recyclee", "recycle", "recyclage", "deee", "rebut", "scrapped"),
            MachineState.PARTS, List.of("pieces", "pour pieces", "demontee", "demonte", "demontee pour pieces", "parts")));

    private static final Map<String, DonorKind> DONOR_KINDS = words(DonorKind.class, DonorKind::label, Map.of(
            DonorKind.COMPANY, List.of("entreprise", "societe", "professionnel", "pro", "company"),
            DonorKind.PUBLIC_BODY, List.of("organisme public", "collectivite", "mairie", "administration", "public",
                    "public body"),
            DonorKind.ASSOCIATION, List.of("association", "asso"),
            DonorKind.RESIDENT, List.of("particulier", "habitant", "habitante", "resident", "individuel")));

    private Vocabulary() {
    }

    static Optional<MachineType> type(String text) {
        return Optional.ofNullable(TYPES.get(key(text)));
    }

    static Optional<MachineState> state(String text) {
        // Without its accents "prêté" (lent) would read as "prête" (ready).
        String exact = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (exact.equals("prêté") || exact.equals("prêtés") || exact.equals("donné") || exact.equals("donnés")) {
            return Optional.of(MachineState.ASSIGNED);
        }
        return Optional.ofNullable(STATES.get(key(text)));
    }

    static Optional<DonorKind> donorKind(String text) {
        return Optional.ofNullable(DONOR_KINDS.get(key(text)));
    }

    /** Lower case without accents ("Écran" → "ecran"), punctuation kept. */
    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** "N° de série" → "n de serie": what two spellings of the same word share. */
    static String key(String text) {
        return text == null ? "" : NOT_ALNUM.matcher(fold(text)).replaceAll(" ").strip();
    }

    private static <E extends Enum<E>> Map<String, E> words(Class<E> type, java.util.function.Function<E, String> label,
                                                            Map<E, List<String>> synonyms) {
        Map<String, E> words = new HashMap<>();
        for (E e : type.getEnumConstants()) {
            put(words, key(e.name()), e);
            put(words, key(label.apply(e)), e);
            synonyms.getOrDefault(e, List.of()).forEach(s -> put(words, key(s), e));
        }
        return Map.copyOf(words);
    }

    private static <E> void put(Map<String, E> words, String key, E value) {
        E before = words.put(key, value);
        if (before != null && before != value) {
            throw new IllegalStateException("\"" + key + "\" means both " + before + " and " + value);
        }
    }
}
