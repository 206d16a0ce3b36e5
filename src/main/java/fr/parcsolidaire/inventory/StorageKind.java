package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

public enum StorageKind implements Labelled {
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

    @Override
    public String label() {
        return label;
    }
}
