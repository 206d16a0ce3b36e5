package fr.parcsolidaire.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A streaming replica of the local PostgreSQL (the primary, 127.0.0.1:5432) as a second Debian cluster on its own
 * port: {@code pg_createcluster}, its data directory replaced by {@code pg_basebackup -R} of the primary, started.
 * The primary needs one line in its pg_hba.conf for replication connections from 127.0.0.1, added if missing and
 * followed by a reload (never a restart). Only this replica's cluster is ever stopped or dropped.
 */
final class ReplicaCluster implements AutoCloseable {

    static final String PRIMARY_HOST = "127.0.0.1";
    static final int PRIMARY_PORT = 5432;
    private static final String HBA_LINE = "host replication all 127.0.0.1/32 trust";

    private final String version;
    private final String name;
    private final int port;
    private boolean dropped;

    private ReplicaCluster(String version, String name, int port) {
        this.version = version;
        this.name = name;
        this.port = port;
    }

    /**
     * Whether this machine can make one: Debian's cluster tools and pg_basebackup are installed, and this process may
     * use them (root, as in CI and on the project's machines; a developer's account may not create clusters).
     */
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/pg_createcluster")) && Files.isExecutable(Path.of("/usr/bin/pg_basebackup"))
                && Files.isExecutable(Path.of("/usr/bin/pg_dropcluster")) && "root".equals(System.getProperty("user.name"));
    }

    /**
     * Creates and starts the replica (dropping a leftover cluster of the same name first), and returns once it
     * accepts connections and streams from the primary.
     */
    static ReplicaCluster create(String name, int port) throws IOException, InterruptedException, SQLException {
        String version = primaryVersion();
        allowReplication(version);
        ReplicaCluster replica = new ReplicaCluster(version, name, port);
        if (Files.isDirectory(Path.of("/etc/postgresql", version, name))) {
            run(List.of("pg_dropcluster", "--stop", version, name));
        }
        run(List.of("pg_createcluster", version, name, "--port", Integer.toString(port)));
        try {
            Path data = Path.of("/var/lib/postgresql", version, name);
            // Emptied, not removed: the directory (postgres's, mode 700) is where pg_basebackup writes.
            run(List.of("find", data.toString(), "-mindepth", "1", "-delete"));
            // As the postgres user, so the copied files belong to it; -c fast: no waiting for a spread checkpoint.
            run(asPostgres(List.of("pg_basebackup", "-h", PRIMARY_HOST, "-p", Integer.toString(PRIMARY_PORT), "-U", "postgres",
                    "-D", data.toString(), "-R", "-X", "stream", "-c", "fast")));
            Path hba = Path.of("/etc/postgresql", version, name, "pg_hba.conf");
            Files.writeString(hba, "host all all 127.0.0.1/32 trust\n" + Files.readString(hba));
            replica.start();
            replica.awaitCaughtUp();
            return replica;
        } catch (IOException | InterruptedException | RuntimeException e) {
            replica.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The JDBC URL of {@code database} on the replica. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void start() throws IOException, InterruptedException {
        run(List.of("pg_ctlcluster", version, name, "start"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
                 var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("la réplique " + name + " n'est pas en récupération : ce n'est pas une réplique");
                }
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("la réplique " + name + " ne répond pas après 60 s", notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Returns once the replica has replayed what the primary had written when this was called, or after two minutes:
     * the WAL written during a long base backup (a busy primary) takes a while to replay, and until then the service
     * rightly reads the primary for its reports.
     */
    void awaitCaughtUp() throws InterruptedException {
        String target;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PRIMARY_HOST + ":" + PRIMARY_PORT + "/postgres", "postgres", "");
             var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            target = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
                 var st = c.createStatement();
                 var rs = st.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            } catch (SQLException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
    }

    /** Stops the replica abruptly, as a crash or an unplugged machine would (-m immediate). */
    void stopNow() throws IOException, InterruptedException {
        run(List.of("pg_ctlcluster", version, name, "stop", "-m", "immediate"));
    }

    /** How many bytes of WAL the replica has still to replay, measured from the primary. */
    static long lagBytes(String primaryUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(primaryUrl, "postgres", "");
             var st = c.createStatement(); var rs = st.executeQuery(
                     "SELECT COALESCE(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), -1) FROM pg_stat_replication")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!dropped) {
            dropped = true;
            run(List.of("pg_dropcluster", "--stop", version, name));
        }
    }

    private static String primaryVersion() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PRIMARY_HOST + ":" + PRIMARY_PORT + "/postgres", "postgres", "");
             var st = c.createStatement(); var rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return Integer.toString(rs.getInt(1));
        }
    }

    /** The primary's pg_hba.conf (its own path, from the server) gets the replication line, then a reload. */
    private static void allowReplication(String version) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PRIMARY_HOST + ":" + PRIMARY_PORT + "/postgres", "postgres", "");
             var st = c.createStatement()) {
            Path hba;
            try (var rs = st.executeQuery("SELECT current_setting('hba_file')")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            String lines = Files.readString(hba);
            if (lines.lines().noneMatch(l -> l.strip().replaceAll("\\s+", " ").equals(HBA_LINE))) {
                Files.writeString(hba, HBA_LINE + "\n" + lines);
                st.execute("SELECT pg_reload_conf()");
                try {
                    // The postmaster rereads the file on the signal, a moment after the call returns.
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static List<String> asPostgres(List<String> command) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        List<String> as = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        as.addAll(command);
        return as;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " a échoué :\n" + out);
        }
    }
}
