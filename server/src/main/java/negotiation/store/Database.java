package negotiation.store;

import java.nio.file.Path;

/** Where a server keeps its events and party keys: the embedded H2 file (default) or PostgreSQL. */
public sealed interface Database {
    /**
     * The embedded H2 file database under a data directory, owned by one server.
     *
     * @param fsync force the file to the disk before acknowledging a batch of commits, so an ack
     *              survives a power loss, not only a crash of the server (README, "Durability")
     * @param bound when commands are refused before the disk is full ({@link StoreBound})
     */
    record H2(Path dataDirectory, boolean fsync, StoreBound bound) implements Database {
        public H2(Path dataDirectory) {
            this(dataDirectory, false);
        }

        public H2(Path dataDirectory, boolean fsync) {
            this(dataDirectory, fsync, StoreBound.DEFAULTS);
        }
    }

    /** A PostgreSQL server, shared by every node of a cluster. */
    record Postgres(String url, String user, String password) implements Database {
        @Override
        public String toString() {
            return "Postgres[" + url + ", user " + user + "]"; // never the password
        }
    }
}
