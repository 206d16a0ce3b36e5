package fr.parcsolidaire.loans;

import fr.parcsolidaire.bench.Bench;
import fr.parcsolidaire.inventory.Erasure;
import fr.parcsolidaire.inventory.ErasureMethod;
import fr.parcsolidaire.inventory.Grade;
import fr.parcsolidaire.inventory.Machine;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Site;
import fr.parcsolidaire.inventory.StorageDevice;
import fr.parcsolidaire.inventory.StorageKind;
import fr.parcsolidaire.loans.ContractDocument;
import fr.parcsolidaire.loans.ContractPdf;
import fr.parcsolidaire.loans.Structure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Rendering of contract PDFs (loan agreements and gift certificates, alternately), in memory. */
public final class ContractBench {

    private ContractBench() {
    }

    public static void run() {
        Structure structure = new Structure("Parc Solidaire", "12 rue de la République, 93200 Saint-Denis",
                "123 456 789 00012", null, "Saint-Denis");
        for (int i = 0; i < 50; i++) {
            ContractPdf.render(doc(structure, i));
        }
        long[] nanos = new long[200];
        long bytes = 0;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            bytes += ContractPdf.render(doc(structure, i)).length;
            nanos[i] = System.nanoTime() - start;
        }
        System.out.println("contracts (PDF generation, 200 contracts, avg " + bytes / nanos.length / 1024 + " KiB): "
                + Bench.summary(nanos));
    }

    private static ContractDocument doc(Structure structure, int i) {
        LocalDate today = LocalDate.now();
        String tag = String.format("PS-2026-%05d", i + 1);
        Machine m = new Machine(i, tag, MachineType.LAPTOP, "Lenovo", "ThinkPad T480", "PF1" + (100000 + i), MachineState.ASSIGNED,
                Grade.B, "Intel Core i5-8250U", new BigDecimal("8"), new BigDecimal("14"), 82, true, "Linux Mint", "22", "GPL",
                new Site(1, "atelier", "Atelier", "PS"), "Étagère A", 1, "Mairie", today.minusDays(40),
                List.of(new StorageDevice(1, StorageKind.SSD, new BigDecimal("256"), "S3Z" + i, null,
                        new Erasure(ErasureMethod.PURGE, "nwipe 0.34", 1, true, "PASS", today.minusDays(10), "karim"))),
                List.of(), null);
        return new ContractDocument(i % 2 == 0 ? ContractDocument.Kind.LOAN_AGREEMENT : ContractDocument.Kind.GIFT_CERTIFICATE,
                structure, i + 1, "Zoë Nguyễn-Lefèvre", "93200 Saint-Denis", m, List.of("Chargeur", "Souris"),
                today, today.plusMonths(3), today, "Sophie Martin", "HTTP://LOCALHOST:8080/M/" + tag);
    }
}
