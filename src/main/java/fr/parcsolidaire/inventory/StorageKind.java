package fr.parcsolidaire.inventory;

public enum StorageKind {
    HDD("Disque dur (HDD)"),
    SSD("SSD SATA"),
    NVME("SSD NVMe"),
    EMMC("eMMC"),
    FLASH("Mémoire flash"),
    OTHER("Autre");

    private final String label;

    StorageKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
