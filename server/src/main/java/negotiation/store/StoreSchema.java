package negotiation.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The store's tables, versioned by Flyway: the migrations of {@code db/migration/h2} or
 * {@code db/migration/postgresql} run once each, in order, recorded in flyway_schema_history
 * (on PostgreSQL, nodes starting together take Flyway's lock in turn). A database written
 * before Flyway (it has the tables but no history) is baselined as V1, the tables every server
 * created until then, and only the later migrations run on it.
 */
final class StoreSchema {
    private StoreSchema() {
    }

    /** Creates or migrates the tables of the embedded H2 file store. */
    static void h2(DataSource database) {
        migrate(database, "classpath:db/migration/h2");
    }

    /** Creates or migrates the tables of a shared PostgreSQL store. */
    static void postgres(DataSource database) {
        migrate(database, "classpath:db/migration/postgresql");
    }

    private static void migrate(DataSource database, String migrations) {
        Flyway.configure()
                .dataSource(database)
                .locations(migrations)
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .baselineDescription("tables created before Flyway")
                .load()
                .migrate();
    }
}
