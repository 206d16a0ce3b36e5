package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.Machine;

import java.time.LocalDate;
import java.util.List;

/** Everything printed on one contract: who, what, when. */
record ContractDocument(Kind kind, Structure structure, long assignmentId, String beneficiaryName,
                               String beneficiaryPlace, Machine machine, List<String> accessories, LocalDate startsOn,
                               LocalDate dueOn, LocalDate issuedOn, String staffName, String machineUrl,
                               List<KitLine> kit) {

    /** A document without other items (a single machine, not a kit). */
    ContractDocument(Kind kind, Structure structure, long assignmentId, String beneficiaryName, String beneficiaryPlace,
                     Machine machine, List<String> accessories, LocalDate startsOn, LocalDate dueOn, LocalDate issuedOn,
                     String staffName, String machineUrl) {
        this(kind, structure, assignmentId, beneficiaryName, beneficiaryPlace, machine, accessories, startsOn, dueOn,
                issuedOn, staffName, machineUrl, List.of());
    }

    public enum Kind {
        LOAN_AGREEMENT("loan"),
        GIFT_CERTIFICATE("gift");

        private final String template;

        Kind(String template) {
            this.template = template;
        }

        public String template() {
            return "contracts/" + template + ".txt";
        }
    }
}
