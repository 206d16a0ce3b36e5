package fr.parcsolidaire.inventory;

import java.time.LocalDate;

/** One sanitisation of a storage device (NIST SP 800-88). */
public record Erasure(ErasureMethod method, String tool, int passes, boolean verified, String result,
                      LocalDate performedOn, String technician) {

    public boolean passing() {
        return verified && "PASS".equals(result);
    }
}
