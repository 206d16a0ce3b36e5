package fr.parcsolidaire.inventory;

import java.util.List;

public record MachinePage(List<MachineRow> items, int page, int pageSize, long total) {

    public int pages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
