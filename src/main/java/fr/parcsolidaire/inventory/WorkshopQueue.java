package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import gg.jte.Content;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The technician's home page: the scan field, then the machines of the workshop by the step that awaits them. */
final class WorkshopQueue implements HomeSection {

    /** A machine waiting for a step, as the queue lists it. */
    record Item(String tag, MachineType type, String brand, String model) {
        public String title() {
            return type.label() + " " + String.join(" ", Stream.of(brand, model)
                    .filter(s -> s != null && !s.isBlank()).toList());
        }
    }

    private final Database database;
    private final InventoryRepository inventory;
    private final Pages pages;

    WorkshopQueue(Database database, InventoryRepository inventory, Pages pages) {
        this.database = database;
        this.inventory = inventory;
        this.pages = pages;
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.TECHNICIAN);
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public Optional<Content> render(Principal who) {
        Map<QueueStep, List<Item>> oldest = new EnumMap<>(QueueStep.class);
        Map<QueueStep, Long> totals = new EnumMap<>(QueueStep.class);
        for (QueueStep step : QueueStep.values()) {
            oldest.put(step, new ArrayList<>());
            totals.put(step, 0L);
        }
        database.client().execute().namedQuery("workshop-queue").forEach(r -> {
            QueueStep step = QueueStep.valueOf(Rows.text(r, "step"));
            oldest.get(step).add(new Item(Rows.text(r, "tag"), MachineType.valueOf(Rows.text(r, "type")),
                    Rows.text(r, "brand"), Rows.text(r, "model")));
            totals.put(step, Rows.longValue(r, "total"));
        });
        return Optional.of(pages.fragment("inventory/home.jte", Map.of("me", who, "counts", inventory.countsByState(),
                "queue", oldest, "totals", totals)));
    }
}
