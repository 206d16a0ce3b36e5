package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.WorkshopService;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** The items of a kit and their return one by one. */
final class KitService {

    private final Database database;
    private final WorkshopService workshop;
    private final AssignmentService assignments;
    private final Clock clock;

    KitService(Database database, WorkshopService workshop, AssignmentService assignments, Clock clock) {
        this.database = database;
        this.workshop = workshop;
        this.assignments = assignments;
        this.clock = clock;
    }

    /** The other items of an assignment the reader may see (another site's is "not found"). */
    List<KitLine> items(long assignmentId, User reader) {
        assignments.get(assignmentId, reader);
        return Kit.lines(database.client().execute(), assignmentId);
    }

    /** Returns one item; the assignment's id. */
    long returnItem(long itemId, Input in, User actor) {
        LocalDate today = LocalDate.now(clock);
        Validator v = new Validator();
        ReturnCondition condition = v.requiredEnum(in.field("condition"), in.text("condition"), ReturnCondition.class, ReturnCondition::label);
        LocalDate on = v.date(in.field("returnedOn"), in.text("returnedOn"), false, today.minusYears(3), today);
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        return database.inTransaction(tx -> Kit.returnItem(tx, itemId, on == null ? today : on, condition.name(), note,
                workshop, actor));
    }
}
