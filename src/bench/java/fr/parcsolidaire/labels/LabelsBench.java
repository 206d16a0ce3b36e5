package fr.parcsolidaire.labels;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.bench.Bench;
import fr.parcsolidaire.inventory.MachineUrls;
import fr.parcsolidaire.labels.LabelContent;
import fr.parcsolidaire.labels.LabelLayout;
import fr.parcsolidaire.labels.LabelLayouts;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Label sheets: 1,000 labels on Avery L7651 (16 pages) and one Brother QL 62 x 29 label, rendered in process,
 * then 1,000 labels end to end through POST /api/v1/labels (database read, PDF, LABEL_PRINTED events).
 */
public final class LabelsBench {

    private LabelsBench() {
    }

    public static void run() {
        LabelLayouts layouts = LabelLayouts.load(Path.of("labels"));
        LabelLayout l7651 = layouts.get("L7651").orElseThrow();
        LabelLayout ql = layouts.get("QL-62x29").orElseThrow();
        List<LabelContent> thousand = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String tag = String.format("PS-2026-%05d", i + 1);
            thousand.add(new LabelContent(tag, MachineUrls.forQr("https://parc.exemple.fr", tag),
                    List.of("Ordinateur portable · Lenovo ThinkPad X270")));
        }
        List<LabelContent> one = List.of(thousand.getFirst());

        long[] sheet = time(5, 20, () -> fr.parcsolidaire.labels.SheetRenderer.pdf(l7651, thousand, 1));
        System.out.println("labels: PDF of 1,000 labels on L7651 (in process): " + Bench.summary(sheet));
        // Machines never printed before: each run has its own addresses, so no QR code is made twice.
        int[] run = {0};
        long[] cold = time(5, 20, () -> {
            List<LabelContent> fresh = new ArrayList<>(1000);
            run[0]++;
            for (LabelContent c : thousand) {
                fresh.add(new LabelContent(c.tag(), MachineUrls.forQr("https://parc" + run[0] + ".exemple.fr", c.tag()), c.lines()));
            }
            fr.parcsolidaire.labels.SheetRenderer.pdf(l7651, fresh, 1);
        });
        System.out.println("labels: same, labels never printed before:          " + Bench.summary(cold));
        long[] single = time(200, 1000, () -> fr.parcsolidaire.labels.SheetRenderer.pdf(ql, one, 1));
        System.out.println("labels: PDF of one 62 x 29 label (in process):     " + Bench.summary(single));

        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tags.addAll(Fixtures.intake(100));
        }
        Http api = Http.api(Role.TECHNICIAN);
        String body = Json.createObjectBuilder().add("layout", "L7651").add("tags", Json.createArrayBuilder(tags)).build().toString();
        long[] http = time(3, 10, () -> {
            HttpResponse<byte[]> r = api.send(api.request("/api/v1/labels").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("labels: " + r.statusCode());
            }
        });
        System.out.println("labels: POST /api/v1/labels, 1,000 labels on L7651:  " + Bench.summary(http));
    }

    private static long[] time(int warmUp, int runs, Runnable work) {
        for (int i = 0; i < warmUp; i++) {
            work.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }
}
