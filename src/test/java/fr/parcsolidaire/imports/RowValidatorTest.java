package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Site;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowValidatorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final Site ATELIER = new Site(1, "atelier", "Atelier Parc Solidaire", "PS");
    private static final Site NORD = new Site(2, "nord", "Antenne Nord", "NO");
    private static final User TECH = new User(10, "tech", "Tech", Role.TECHNICIAN, true, null);
    private static final String HEADER = "Type;Marque;Modèle;N° de série;N° d'inventaire;État;Site;Donateur;Type de donateur;Date";
    private static final Spreadsheet.Source CSV = new Spreadsheet.Source(Spreadsheet.Format.CSV, "UTF-8", ';', false);

    private static RowValidator.Result validate(ImportRequest request, User actor, String... lines) {
        List<String> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(List.of(lines));
        Spreadsheet sheet = SpreadsheetReader.read(Samples.utf8(all.toArray(String[]::new)), ImportLimits.DEFAULT);
        ColumnMapping mapping = request.mapping() != null ? request.mapping() : ColumnMapping.guess(sheet.rows());
        return new RowValidator(sheet.source(), mapping, request, List.of(ATELIER, NORD), actor, TODAY).validate(sheet.rows());
    }

    private static RowValidator.Result validate(String... lines) {
        return validate(ImportRequest.guessed(), TECH, lines);
    }

    /** The only issue of the only row, as the person reads it. */
    private static String message(String line) {
        RowValidator.Result r = validate(line);
        assertEquals(1, r.issues().size(), () -> r.issues().toString());
        return r.issues().getFirst().message();
    }

    @Test
    void aCompleteRowBecomesAMachine() {
        RowValidator.Result r = validate("PC portable;Lenovo;ThinkPad X270;PF0ABCDE;PS-2026-00042;En diagnostic;atelier;"
                + "Mairie de Lille;Collectivité;28/11/2026");
        assertEquals(List.of(), r.issues());
        Candidate c = r.candidates().getFirst();
        assertEquals(2, c.line());
        assertEquals(MachineType.LAPTOP, c.type());
        assertEquals("Lenovo", c.brand());
        assertEquals("ThinkPad X270", c.model());
        assertEquals("PF0ABCDE", c.serial());
        assertEquals("PS-2026-00042", c.tag());
        assertNull(c.previousTag());
        assertEquals(MachineState.IN_DIAGNOSIS, c.entry());
        assertEquals(ATELIER, c.site());
        assertEquals("Mairie de Lille", c.donorName());
        assertEquals(DonorKind.PUBLIC_BODY, c.donorKind());
        assertEquals(TODAY, c.receivedOn());
    }

    @Test
    void emptyOptionalCellsTakeTheirDefaults() {
        ImportRequest defaults = new ImportRequest(null, "nord", "Stock existant", DonorKind.ASSOCIATION, LocalDate.of(2024, 1, 15));
        Candidate c = validate(defaults, TECH, "Écran;;;;;;;;;").candidates().getFirst();
        assertEquals(MachineType.SCREEN, c.type());
        assertNull(c.brand());
        assertNull(c.serial());
        assertNull(c.tag());
        assertEquals(MachineState.RECEIVED, c.entry(), "no state: just received");
        assertEquals(NORD, c.site());
        assertEquals("Stock existant", c.donorName());
        assertEquals(DonorKind.ASSOCIATION, c.donorKind());
        assertEquals(LocalDate.of(2024, 1, 15), c.receivedOn());
    }

    @Test
    void eachFaultyCellGetsItsOwnFrenchSentence() {
        assertEquals("Type de matériel « Portabel » inconnu : indiquez Ordinateur portable, Ordinateur fixe, Écran, "
                + "Tablette, Téléphone, Imprimante ou Accessoire.", message("Portabel;;;;;;atelier;Don;;28/11/2026"));
        assertEquals("Type de matériel manquant.", message(";Dell;;;;;atelier;Don;;28/11/2026"));
        assertEquals("État « cassé » inconnu : indiquez Reçue, En diagnostic, En reconditionnement ou Prête (vide : Reçue).",
                message("Portable;;;;;cassé;atelier;Don;;28/11/2026"));
        assertEquals("Date « 11/28/2026 » illisible : écrivez-la JJ/MM/AAAA, par exemple 28/11/2026.",
                message("Portable;;;;;;atelier;Don;;11/28/2026"));
        assertEquals("La date de réception (29/11/2026) doit être comprise entre le 01/01/2000 et aujourd'hui.",
                message("Portable;;;;;;atelier;Don;;29/11/2026"));
        assertEquals("La date de réception (31/12/1999) doit être comprise entre le 01/01/2000 et aujourd'hui.",
                message("Portable;;;;;;atelier;Don;;31/12/1999"));
        assertEquals("Date de réception manquante : remplissez la colonne ou choisissez une date par défaut.",
                message("Portable;;;;;;atelier;Don;;"));
        assertEquals("Site « Sud » inconnu. Sites connus : Atelier Parc Solidaire (atelier), Antenne Nord (nord).",
                message("Portable;;;;;;Sud;Don;;28/11/2026"));
        assertEquals("Site manquant : remplissez la colonne Site ou choisissez un site par défaut.",
                message("Portable;;;;;;;Don;;28/11/2026"));
        assertEquals("Donateur manquant : remplissez la colonne Donateur ou choisissez un donateur par défaut.",
                message("Portable;;;;;;atelier;;;28/11/2026"));
        assertEquals("Type de donateur « Voisin » inconnu : indiquez Entreprise, Organisme public, Association ou Particulier.",
                message("Portable;;;;;;atelier;Don;Voisin;28/11/2026"));
        assertEquals("« Marque » : 80 caractères au plus (la cellule en compte 81).",
                message("Portable;" + "x".repeat(81) + ";;;;;atelier;Don;;28/11/2026"));
    }

    @Test
    void siteNamesAndCodesMatchWithoutCaseOrAccents() {
        assertEquals(NORD, validate("Portable;;;;;;ANTENNE NORD;Don;;28/11/2026").candidates().getFirst().site());
        assertEquals(NORD, validate("Portable;;;;;;Nord;Don;;28/11/2026").candidates().getFirst().site());
        assertEquals(ATELIER, validate("Portable;;;;;;atelier parc solidaire;Don;;28/11/2026").candidates().getFirst().site());
    }

    @Test
    void aTagOfAnotherSiteIsAnErrorAndAFormerNumberIsRemembered() {
        assertEquals("Le numéro d'inventaire NO-2025-00007 porte le préfixe NO du site « Antenne Nord » ; les machines du "
                + "site « Atelier Parc Solidaire » sont numérotées PS-AAAA-NNNNN.",
                message("Portable;;;;no-2025-00007;;atelier;Don;;28/11/2026"));
        assertEquals("Le numéro d'inventaire XX-2025-00007 porte le préfixe XX d'aucun site connu ; les machines du site "
                + "« Atelier Parc Solidaire » sont numérotées PS-AAAA-NNNNN.",
                message("Portable;;;;XX-2025-00007;;atelier;Don;;28/11/2026"));
        assertEquals("Le numéro d'inventaire PS-2027-00001 porte l'année 2027 : elle doit être comprise entre 2000 et 2026.",
                message("Portable;;;;PS-2027-00001;;atelier;Don;;28/11/2026"));
        RowValidator.Result former = validate("Portable;;;;PC-042;;atelier;Don;;28/11/2026");
        assertEquals(List.of(RowIssue.warning(2, ImportField.TAG, "« PC-042 » n'est pas un numéro d'inventaire du service : "
                + "un nouveau numéro sera attribué, l'ancien restera dans l'historique de la machine.")), former.issues());
        assertNull(former.candidates().getFirst().tag());
        assertEquals("PC-042", former.candidates().getFirst().previousTag());
    }

    @Test
    void duplicatesWithinTheFileNameTheFirstRow() {
        RowValidator.Result r = validate(
                "Portable;Dell;;SN-1;PS-2026-00001;;atelier;Don;;28/11/2026",
                "Écran;Dell;;SN-1;;;atelier;Don;;28/11/2026",
                "Portable;Dell;;sn-1;;;atelier;Don;;28/11/2026",
                "Portable;Dell;;SN-2;ps-2026-00001;;atelier;Don;;28/11/2026");
        assertEquals(List.of(
                RowIssue.error(4, ImportField.SERIAL, "Ce numéro de série figure déjà ligne 2 pour le même type de matériel."),
                RowIssue.error(5, ImportField.TAG, "Ce numéro d'inventaire figure déjà ligne 2.")), r.issues());
        assertEquals(List.of(2, 3), r.candidates().stream().map(Candidate::line).toList(),
                "a screen may share a laptop's serial, as the database allows");
    }

    @Test
    void aReadyMachineThatHoldsDataEntersReconditioningAndAScreenStaysReady() {
        RowValidator.Result r = validate(
                "Portable;;;;;Prête;atelier;Don;;28/11/2026",
                "Écran;;;;;Prête;atelier;Don;;28/11/2026",
                "Téléphone;;;;;Disponible;atelier;Don;;28/11/2026");
        assertEquals(MachineState.IN_RECONDITIONING, r.candidates().get(0).entry());
        assertEquals(MachineState.READY, r.candidates().get(0).declared());
        assertEquals(MachineState.READY, r.candidates().get(1).entry());
        assertEquals(MachineState.IN_RECONDITIONING, r.candidates().get(2).entry());
        assertEquals(List.of(
                RowIssue.warning(2, ImportField.STATE, "Machine déclarée « Prête » : elle entrera « En reconditionnement », "
                        + "faute de preuve d'effacement des données."),
                RowIssue.warning(4, ImportField.STATE, "Machine déclarée « Prête » : elle entrera « En reconditionnement », "
                        + "faute de preuve d'effacement des données.")), r.issues());
    }

    @Test
    void machinesOutOnLoanOrGoneAreNotImported() {
        assertTrue(message("Portable;;;;;Prêté;atelier;Don;;28/11/2026").startsWith(
                "L'état « Attribuée » ne s'importe pas : une attribution s'enregistre avec son bénéficiaire et sa convention."));
        assertTrue(message("Portable;;;;;Restituée;atelier;Don;;28/11/2026").startsWith("L'état « Restituée » ne s'importe pas"));
        assertEquals("L'état « Recyclée (DEEE) » ne s'importe pas : l'import enregistre le stock présent, pas les machines "
                + "déjà sorties. Retirez cette ligne du fichier.", message("Écran;;;;;DEEE;atelier;Don;;28/11/2026"));
    }

    @Test
    void formulaLikeCellsAreKeptAsTheTextTheyAre() {
        Candidate c = validate("Portable;\"=HYPERLINK(\"\"x\"\")\";@cmd;+33;;;atelier;-Don;;28/11/2026").candidates().getFirst();
        assertEquals("=HYPERLINK(\"x\")", c.brand());
        assertEquals("@cmd", c.model());
        assertEquals("+33", c.serial());
        assertEquals("-Don", c.donorName());
    }

    @Test
    void invisibleCharactersAreRefused() {
        assertEquals("Modèle : la cellule contient des caractères invisibles non autorisés (retour à la ligne, tabulation…).",
                message("Portable;;\"deux\r\nlignes\";;;;atelier;Don;;28/11/2026"));
    }

    @Test
    void aTechnicianAttachedToASiteImportsForThatSiteOnly() {
        User north = new User(11, "nord", "Nord", Role.TECHNICIAN, true, 2L);
        RowValidator.Result r = validate(ImportRequest.guessed(), north,
                "Portable;;;;;;nord;Don;;28/11/2026", "Portable;;;;;;atelier;Don;;28/11/2026");
        assertEquals(List.of(RowIssue.error(3, ImportField.SITE, "Votre compte est rattaché à un autre site : vous ne "
                + "pouvez pas importer de machines pour le site « Atelier Parc Solidaire ».")), r.issues());
        User admin = new User(12, "admin", "Admin", Role.ADMIN, true, 2L);
        assertEquals(List.of(), validate(ImportRequest.guessed(), admin, "Portable;;;;;;atelier;Don;;28/11/2026").issues());
    }

    @Test
    void aMissingDefaultSiteIsSaidOnceForTheFile() {
        ImportRequest request = new ImportRequest(null, "sud", null, null, null);
        RowValidator.Result r = validate(request, TECH, "Portable;;;;;;atelier;Don;;28/11/2026");
        assertEquals(RowIssue.error(0, ImportField.SITE, "Le site par défaut « sud » n'existe pas. Sites connus : "
                + "Atelier Parc Solidaire (atelier), Antenne Nord (nord)."), r.issues().getFirst());
    }

    @Test
    void rowsAboveTheHeaderAndRowsWithNothingMappedAreNotMachines() {
        RowValidator.Result r = validate("Portable;;;;;;atelier;Don;;28/11/2026", ";;;;;;;;;;Total : 1");
        assertEquals(1, r.rows());
        assertEquals(List.of(), r.issues());
    }
}
