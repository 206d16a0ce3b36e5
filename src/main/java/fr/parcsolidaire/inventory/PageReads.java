package fr.parcsolidaire.inventory;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

/**
 * The parts a machine page lacks (assignments, reservation, evidence), read one after another on one pooled connection
 * rather than one connection per statement: a cold page of a machine in the workshop took up to six connections in
 * turn, each a wait in the pool's queue under load (docs/performance.md, « Une page froide, une connexion »). The
 * connection is taken at the first statement only, so a page whose parts are all kept takes none. Read-only: the
 * transaction that holds the connection is rolled back at the end, which costs the same round trip as a commit.
 */
final class PageReads implements AutoCloseable {

    private final DbClient client;
    private DbTransaction tx;

    PageReads(DbClient client) {
        this.client = client;
    }

    /** Where to read a missing part: the page's one transaction, begun now if it is the first. */
    DbExecute db() {
        if (tx == null) {
            tx = client.transaction();
        }
        return tx;
    }

    /** Gives the connection back, if one was taken. */
    @Override
    public void close() {
        if (tx != null) {
            tx.rollback();
        }
    }
}
