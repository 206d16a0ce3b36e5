package fr.parcsolidaire.evidence;

/**
 * One disk's SMART data as {@code smartctl -j -a} (smartmontools 7) reports it. Counts the drive does not report
 * are null: reallocated and pending sectors are ATA attributes 5 and 197; an NVMe drive reports media errors and
 * a critical warning bit field instead.
 *
 * @param passed the drive's own overall assessment ({@code smart_status.passed}), null when smartctl gave none
 */
record SmartReport(String protocol, String model, String serial, Long capacityBytes, Long powerOnHours,
                   Long reallocatedSectors, Long pendingSectors, Long mediaErrors, Integer criticalWarning,
                   Boolean passed, String smartctlVersion, String deviceName) {

    /** A drive whose own assessment failed: it must be replaced or destroyed, whatever an erasure says. */
    boolean failing() {
        return Boolean.FALSE.equals(passed);
    }

    /** One French sentence for the machine's history. */
    String summary() {
        StringBuilder b = new StringBuilder("Rapport SMART");
        if (smartctlVersion != null) {
            b.append(" (smartctl ").append(smartctlVersion).append(')');
        }
        b.append(" de ").append(serial).append(model == null ? "" : " (" + model + ")").append(" : ");
        b.append(passed == null ? "pas d'évaluation globale" : passed ? "auto-évaluation réussie"
                : "ÉCHEC de l'auto-évaluation, disque à remplacer ou détruire");
        if (powerOnHours != null) {
            b.append(", ").append(powerOnHours).append(" h de fonctionnement");
        }
        if (reallocatedSectors != null) {
            b.append(", ").append(reallocatedSectors).append(" secteur(s) réalloué(s)");
        }
        if (pendingSectors != null) {
            b.append(", ").append(pendingSectors).append(" en attente");
        }
        if (mediaErrors != null) {
            b.append(", ").append(mediaErrors).append(" erreur(s) de support");
        }
        return b.append('.').toString();
    }
}
