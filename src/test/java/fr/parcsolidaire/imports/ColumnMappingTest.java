package fr.parcsolidaire.imports;

import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fr.parcsolidaire.imports.ImportField.BRAND;
import static fr.parcsolidaire.imports.ImportField.DONOR;
import static fr.parcsolidaire.imports.ImportField.DONOR_KIND;
import static fr.parcsolidaire.imports.ImportField.MODEL;
import static fr.parcsolidaire.imports.ImportField.RECEIVED_ON;
import static fr.parcsolidaire.imports.ImportField.SERIAL;
import static fr.parcsolidaire.imports.ImportField.SITE;
import static fr.parcsolidaire.imports.ImportField.STATE;
import static fr.parcsolidaire.imports.ImportField.TAG;
import static fr.parcsolidaire.imports.ImportField.TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnMappingTest {

    private static Spreadsheet.Row row(int line, String... cells) {
        return new Spreadsheet.Row(line, List.of(cells));
    }

    @Test
    void frenchHeadersAsWorkshopsWriteThem() {
        ColumnMapping m = ColumnMapping.guess(List.of(row(1, "Numéro d'inventaire", "Type", "Marque", "Modèle",
                "N° de série", "État", "Site", "Donateur", "Type de donateur", "Date de réception")));
        assertEquals(1, m.headerLine());
        assertEquals(Map.of(TAG, 0, TYPE, 1, BRAND, 2, MODEL, 3, SERIAL, 4, STATE, 5, SITE, 6, DONOR, 7, DONOR_KIND, 8,
                RECEIVED_ON, 9), m.columns());
    }

    @Test
    void spellingsCaseAndEnglishHeaders() {
        assertEquals(Map.of(TYPE, 0, SERIAL, 1, TAG, 2, RECEIVED_ON, 3, DONOR, 4),
                ColumnMapping.guess(List.of(row(1, "TYPE DE MATERIEL", "No. série", "N°inventaire", "Date d'entrée",
                        "Provenance"))).columns());
        assertEquals(Map.of(TYPE, 0, BRAND, 1, MODEL, 2, SERIAL, 3, STATE, 4, DONOR, 5, RECEIVED_ON, 6),
                ColumnMapping.guess(List.of(row(1, "Device type", "Manufacturer", "Model", "Serial number", "Status",
                        "Donor", "Received on"))).columns());
        assertEquals(Map.of(SERIAL, 0, DONOR, 1, RECEIVED_ON, 2, BRAND, 3),
                ColumnMapping.guess(List.of(row(1, "Numéro de série constructeur", "Entreprise donatrice (nom)",
                        "Date de collecte", "Marque / fabricant"))).columns(), "names that contain a telling word");
    }

    @Test
    void theHeaderMayStandBelowATitle() {
        ColumnMapping m = ColumnMapping.guess(List.of(row(1, "Inventaire du parc au 01/09/2025"), row(2, "Mis à jour par Paul"),
                row(4, "Type", "Marque", "Modèle"), row(5, "Portable", "Dell", "Latitude")));
        assertEquals(4, m.headerLine());
        assertEquals(Map.of(TYPE, 0, BRAND, 1, MODEL, 2), m.columns());
    }

    @Test
    void aFileWithoutHeadersIsAllMachinesAndTheMappingIsChosenByHand() {
        ColumnMapping m = ColumnMapping.guess(List.of(row(1, "Portable", "Dell", "Latitude"), row(2, "Écran", "HP", "P24")));
        assertEquals(0, m.headerLine());
        assertTrue(m.columns().isEmpty());
        ColumnMapping chosen = m.with(TYPE, 0).with(MODEL, 2).with(BRAND, 1).with(BRAND, null);
        assertEquals(Map.of(TYPE, 0, MODEL, 2), chosen.columns());
        assertEquals(-1, chosen.column(BRAND));
        assertFalse(chosen.has(BRAND));
    }

    @Test
    void typesStatesAndDonorKindsInTheWordsPeopleUse() {
        for (String s : List.of("Portable", "PC portable", "pc-portable", "laptop", "Ordinateur portable", "LAPTOP", "Notebook")) {
            assertEquals(MachineType.LAPTOP, Vocabulary.type(s).orElseThrow(), s);
        }
        for (String s : List.of("Fixe", "Unité centrale", "UC", "Tour", "Ordinateur fixe", "desktop")) {
            assertEquals(MachineType.DESKTOP, Vocabulary.type(s).orElseThrow(), s);
        }
        assertEquals(MachineType.SCREEN, Vocabulary.type("ÉCRAN").orElseThrow());
        assertEquals(MachineType.SCREEN, Vocabulary.type("moniteur").orElseThrow());
        assertEquals(MachineType.PHONE, Vocabulary.type("Smartphone").orElseThrow());
        assertEquals(MachineType.PRINTER, Vocabulary.type("Imprimante multifonction").orElseThrow());
        assertEquals(MachineType.ACCESSORY, Vocabulary.type("Clavier").orElseThrow());
        assertTrue(Vocabulary.type("Ordinateur").isEmpty(), "portable or desktop? the row must say");
        assertTrue(Vocabulary.type("Portabel").isEmpty());

        assertEquals(MachineState.READY, Vocabulary.state("Prête").orElseThrow());
        assertEquals(MachineState.READY, Vocabulary.state("prêt").orElseThrow());
        assertEquals(MachineState.READY, Vocabulary.state("Disponible").orElseThrow());
        assertEquals(MachineState.ASSIGNED, Vocabulary.state("Prêté").orElseThrow(), "lent, not ready");
        assertEquals(MachineState.ASSIGNED, Vocabulary.state("prêtée").orElseThrow());
        assertEquals(MachineState.IN_DIAGNOSIS, Vocabulary.state("en diagnostic").orElseThrow());
        assertEquals(MachineState.IN_RECONDITIONING, Vocabulary.state("En réparation").orElseThrow());
        assertEquals(MachineState.RECEIVED, Vocabulary.state("Reçue").orElseThrow());
        assertEquals(MachineState.RECEIVED, Vocabulary.state("RECEIVED").orElseThrow());
        assertEquals(MachineState.SCRAPPED, Vocabulary.state("Recyclée (DEEE)").orElseThrow());
        assertTrue(Vocabulary.state("cassé").isEmpty());

        assertEquals(DonorKind.RESIDENT, Vocabulary.donorKind("Particulier").orElseThrow());
        assertEquals(DonorKind.PUBLIC_BODY, Vocabulary.donorKind("Collectivité").orElseThrow());
        assertEquals(DonorKind.COMPANY, Vocabulary.donorKind("entreprise").orElseThrow());
    }

    @Test
    void columnsAreNamedAsExcelNamesThem() {
        assertEquals("A", ImportPlanner.columnName(0));
        assertEquals("Z", ImportPlanner.columnName(25));
        assertEquals("AA", ImportPlanner.columnName(26));
        assertEquals("GR", ImportPlanner.columnName(199));
    }
}
