package fr.parcsolidaire.labels;

import java.util.List;

/** What one label shows: the tag in clear, the URL its QR holds, and the optional lines the layout asks for. */
record LabelContent(String tag, String qrPayload, List<String> lines) {
}
