package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.security.User;
import io.helidon.webserver.http.HttpService;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** Importing an existing inventory from a spreadsheet (docs/imports.md): the pages, the API and the service. */
public final class ImportsFeature implements Feature {

    private MachineImportService imports;
    private List<HttpService> routes;

    @Override
    public List<String> statements() {
        return List.of("statements/imports.sql");
    }

    @Override
    public void start(Platform platform) {
        ImportLimits limits = ImportLimits.DEFAULT;
        imports = new MachineImportService(platform.database(), platform.clock(), limits);
        ImportDeposits deposits = new ImportDeposits(platform.database(), platform.clock(),
                platform.settings().section("app.imports").duration("deposit-lifetime"));
        deposits.expireOld();
        routes = List.of(
                new ImportsApi(platform.guard(), imports, limits),
                new ImportsPages(platform.guard(), platform.pages(), platform.database(), imports, deposits,
                        new ImportHistory(platform.database()), limits, platform.clock()));
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    /**
     * Demo data: a small spreadsheet a workshop kept before the service, imported by {@code actor}, so that the
     * history of its machines shows « Importée (fichier « ancien-stock.csv », ligne N) ».
     */
    @Override
    public void loadDemo(User actor, String baseUrl) {
        LocalDate on = LocalDate.of(LocalDate.now().getYear() - 1, 9, 15);
        String date = String.format("%02d/%02d/%d", on.getDayOfMonth(), on.getMonthValue(), on.getYear());
        String csv = String.join("\r\n",
                "Type;Marque;Modèle;N° de série;État;Donateur;Date",
                "Portable;Lenovo;ThinkPad T470;DEMO-IMP-0001;En diagnostic;Mairie de quartier;" + date,
                "Portable;Dell;Latitude 5490;DEMO-IMP-0002;Reçue;Mairie de quartier;" + date,
                "Écran;Iiyama;ProLite E2283HS;DEMO-IMP-0003;Prête;Mairie de quartier;" + date,
                "Tablette;Samsung;Galaxy Tab A;DEMO-IMP-0004;Reçue;Association Lire Ensemble;" + date,
                "Imprimante;Brother;HL-L2350DW;DEMO-IMP-0005;Reçue;Association Lire Ensemble;" + date) + "\r\n";
        imports.commit("ancien-stock.csv", csv.getBytes(StandardCharsets.UTF_8),
                new ImportRequest(null, "atelier", null, null, null), actor);
    }
}
