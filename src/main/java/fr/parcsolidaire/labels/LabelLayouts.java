package fr.parcsolidaire.labels;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import fr.parcsolidaire.platform.pdf.QrCode;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The label layouts read once at start-up from the files of labels/ (one .properties file per sheet or roll),
 * so a centre adds its own stock by dropping a file. A faulty file is reported with its name and field, and
 * skipped: the service starts with the valid ones.
 */
final class LabelLayouts {

    private static final System.Logger LOG = System.getLogger(LabelLayouts.class.getName());

    /** Smallest QR module phones read reliably from a printed label, in millimetres. */
    public static final double MIN_MODULE_MM = 0.35;
    /** A long label URL (version 3 QR at level M): every layout must print it with modules of at least MIN_MODULE_MM. */
    static final String REFERENCE_PAYLOAD = "HTTPS://PARC.CENTRE-SOCIAL-EXEMPLE.FR/M/PS-2026-00042";
    private static final double MIN_TEXT_WIDTH_MM = 10;
    private static final Set<String> KEYS = Set.of("name", "page.width", "page.height", "margin.left", "margin.top",
            "columns", "rows", "label.width", "label.height", "gap.horizontal", "gap.vertical", "padding",
            "font.tag", "font.line", "fields");

    private final Map<String, LabelLayout> layouts;
    private final List<LayoutProblem> problems;

    private LabelLayouts(Map<String, LabelLayout> layouts, List<LayoutProblem> problems) {
        this.layouts = layouts;
        this.problems = problems;
    }

    /** Reads every *.properties file of the directory; logs and skips the faulty ones. */
    public static LabelLayouts load(Path directory) {
        Map<String, LabelLayout> found = new TreeMap<>();
        List<LayoutProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            Optional<Path> packaged = packaged();
            if (packaged.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "Label layout directory " + directory.toAbsolutePath()
                        + " not found: no label can be printed.");
                return new LabelLayouts(found, problems);
            }
            LOG.log(System.Logger.Level.WARNING, "Label layout directory " + directory.toAbsolutePath()
                    + " not found: using the layouts shipped in the application.");
            directory = packaged.get();
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                try {
                    LabelLayout layout = parse(file);
                    found.put(layout.id(), layout);
                } catch (InvalidLayout e) {
                    problems.add(e.problem);
                    LOG.log(System.Logger.Level.WARNING, "Label layout skipped: " + e.problem);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot list label layouts in " + directory + ": " + e.getMessage());
        }
        LOG.log(System.Logger.Level.INFO, "Label layouts loaded from " + directory + ": " + found.keySet());
        return new LabelLayouts(found, List.copyOf(problems));
    }

    /** The shipped layouts the build copies onto the classpath, for a service started away from its folder. */
    private static Optional<Path> packaged() {
        URL url = LabelLayouts.class.getResource("/labels");
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                return Optional.of(jar.getPath("/labels"));
            }
            return Optional.of(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            return Optional.empty();
        }
    }

    public Collection<LabelLayout> all() {
        return layouts.values();
    }

    public Optional<LabelLayout> get(String id) {
        return Optional.ofNullable(id == null ? null : layouts.get(id));
    }

    public List<LayoutProblem> problems() {
        return problems;
    }

    static LabelLayout parse(Path file) {
        String fileName = file.getFileName().toString();
        String id = fileName.substring(0, fileName.length() - ".properties".length());
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidLayout(fileName, "-", "fichier illisible (" + e.getMessage() + ").");
        }
        Fields f = new Fields(fileName, p);
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new InvalidLayout(fileName, key, "champ inconnu (champs possibles : "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ").");
            }
        }
        if (!id.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new InvalidLayout(fileName, "-", "le nom de fichier doit tenir en lettres, chiffres, « . », « _ » ou « - ».");
        }
        String name = f.text("name", id);
        double pageWidth = f.length("page.width", 10, 2000);
        double pageHeight = f.length("page.height", 10, 2000);
        double marginLeft = f.length("margin.left", 0, 500);
        double marginTop = f.length("margin.top", 0, 500);
        int columns = f.count("columns");
        int rows = f.count("rows");
        double labelWidth = f.length("label.width", 5, 2000);
        double labelHeight = f.length("label.height", 5, 2000);
        double gapH = f.length("gap.horizontal", 0, 500);
        double gapV = f.length("gap.vertical", 0, 500);
        double padding = f.length("padding", 0, 20);
        double tagFont = f.length("font.tag", 3, 40);
        double lineFont = f.length("font.line", 3, 40);
        List<LabelLayout.LabelField> fields = f.fields("fields");
        if (marginLeft + columns * labelWidth + (columns - 1) * gapH > pageWidth + 1e-6) {
            throw new InvalidLayout(fileName, "label.width", "les " + columns + " colonnes dépassent la largeur de la page.");
        }
        if (marginTop + rows * labelHeight + (rows - 1) * gapV > pageHeight + 1e-6) {
            throw new InvalidLayout(fileName, "label.height", "les " + rows + " rangées dépassent la hauteur de la page.");
        }
        LabelLayout layout = new LabelLayout(id, name, pageWidth, pageHeight, marginLeft, marginTop, columns, rows,
                labelWidth, labelHeight, gapH, gapV, padding, tagFont, lineFont, fields);
        double module = layout.qrSide() / (QrCode.encode(REFERENCE_PAYLOAD, ErrorCorrectionLevel.M).modules()
                + 2 * QrCode.QUIET_ZONE_MODULES);
        if (module < MIN_MODULE_MM) {
            throw new InvalidLayout(fileName, "label.height", String.format(Locale.FRANCE,
                    "étiquette trop petite : le QR aurait des modules de %.2f mm (minimum %.2f mm pour être lu).",
                    module, MIN_MODULE_MM));
        }
        if (layout.textWidth() < MIN_TEXT_WIDTH_MM) {
            throw new InvalidLayout(fileName, "label.width", "étiquette trop étroite : il reste moins de "
                    + (int) MIN_TEXT_WIDTH_MM + " mm pour le texte à côté du QR.");
        }
        return layout;
    }

    /** Reads typed values and names the faulty field. */
    private record Fields(String file, Properties p) {

        String text(String key, String fallback) {
            String v = p.getProperty(key);
            return v == null || v.isBlank() ? fallback : v.strip();
        }

        String required(String key) {
            String v = p.getProperty(key);
            if (v == null || v.isBlank()) {
                throw new InvalidLayout(file, key, "valeur manquante.");
            }
            return v.strip();
        }

        double length(String key, double min, double max) {
            String v = required(key);
            double d;
            try {
                d = Double.parseDouble(v.replace(',', '.'));
            } catch (NumberFormatException e) {
                throw new InvalidLayout(file, key, "« " + v + " » n'est pas un nombre.");
            }
            if (!(d >= min && d <= max)) {
                throw new InvalidLayout(file, key, "« " + v + " » hors limites (entre " + fmt(min) + " et " + fmt(max) + ").");
            }
            return d;
        }

        int count(String key) {
            String v = required(key);
            try {
                int n = Integer.parseInt(v);
                if (n >= 1 && n <= 100) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidLayout(file, key, "« " + v + " » : un nombre entier entre 1 et 100 est attendu.");
        }

        List<LabelLayout.LabelField> fields(String key) {
            Set<LabelLayout.LabelField> out = new LinkedHashSet<>();
            for (String part : text(key, "").split("[,\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.add(LabelLayout.LabelField.valueOf(part.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidLayout(file, key, "« " + part + " » inconnu (possibles : model, site, owner).");
                }
            }
            return List.copyOf(out);
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    private static final class InvalidLayout extends RuntimeException {
        private final LayoutProblem problem;

        InvalidLayout(String file, String field, String message) {
            super(file + ": " + field + ": " + message, null, false, false);
            this.problem = new LayoutProblem(file, field, message);
        }
    }
}
