package fr.parcsolidaire.platform.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WCAG 2.1 AA 1.4.11 (non-text contrast), computed from the style sheet the service serves: the borders of input
 * fields and the focus ring stand out at 3:1 at least from the white of a card and from the page's background.
 */
class UiContrastTest {

    @Test
    void fieldBordersAndTheFocusRingReachThreeToOne() throws IOException {
        String css;
        try (InputStream in = UiContrastTest.class.getResourceAsStream("/static/app.css")) {
            assertNotNull(in);
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> vars = new HashMap<>();
        Matcher m = Pattern.compile("--([a-z-]+):\\s*(#[0-9a-fA-F]{6})").matcher(css);
        while (m.find()) {
            vars.put(m.group(1), m.group(2));
        }
        assertTrue(css.matches("(?s).*input, select, textarea \\{[^}]*border: 1px solid var\\(--field\\).*"), "fields use --field");
        assertTrue(css.matches("(?s).*:focus-visible \\{ outline: 3px solid var\\(--focus\\).*"), "the focus ring uses --focus");
        for (String background : new String[] {"#ffffff", vars.get("bg")}) {
            for (String fg : new String[] {"field", "focus"}) {
                double ratio = contrast(vars.get(fg), background);
                assertTrue(ratio >= 3.0, "--" + fg + " " + vars.get(fg) + " on " + background + ": " + ratio);
            }
        }
    }

    @Test
    void theContrastFormulaIsWcags() {
        assertTrue(Math.abs(contrast("#000000", "#ffffff") - 21.0) < 0.01);
        assertTrue(Math.abs(contrast("#777777", "#ffffff") - 4.48) < 0.01);
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
