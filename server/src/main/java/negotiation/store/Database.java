package negotiation.store;

import java.nio.file.Path;

/** Where a server keeps its events and party keys: the embedded H2 file (default) or PostgreSQL. */
public sealed interface Database {
    /** The embedded H2 file database under a data directory, owned by one server. */
    record H2(Path dataDirectory) implements Database {
    }

    /** A PostgreSQL server, shared by every node of a cluster. */
    record Postgres(String url, String user, String password) implements Database {
        @Override
        public String toString() {
            return "Postgres[" + url + ", user " + user + "]"; // never the password
        }
    }
}
