package fr.parcsolidaire.imports;

/** The name a file is recorded and shown under: no folder, no control character, at most 255 characters. */
final class FileNames {

    static final int MAX = 255;

    private FileNames() {
    }

    static String clean(String name) {
        if (name == null) {
            return "fichier";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        if (base.isEmpty()) {
            return "fichier";
        }
        return base.codePointCount(0, base.length()) <= MAX ? base : base.substring(0, base.offsetByCodePoints(0, MAX));
    }
}
