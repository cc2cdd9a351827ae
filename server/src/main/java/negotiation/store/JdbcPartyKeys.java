package negotiation.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Party keys in a table of a shared PostgreSQL database, for several server nodes, one row
 * per room, party and generation. Destroying a key sets its row's key to NULL: the row stays
 * as the record that this generation was erased, so it is never made again. Keys are never
 * cached: a key destroyed on one node must stop opening data on every node at once. After a
 * destruction, VACUUM FULL rewrites the small key table, so the key's bytes do not linger in
 * the table's old pages.
 */
final class JdbcPartyKeys implements PartyKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CREATE_ATTEMPTS = 5;
    private final DataSource database;

    /** On a database whose room_party_keys table {@link StoreSchema} made. */
    JdbcPartyKeys(DataSource database) {
        this.database = database;
    }

    @Override
    public PartyKey current(String roomId, String party) {
        for (int attempt = 0; ; attempt++) {
            Newest newest = newest(roomId, party);
            if (newest.key() != null) {
                return new PartyKey(newest.generation(), newest.key());
            }
            if (attempt == CREATE_ATTEMPTS) {
                // Only an erasure on another node after each insert gets here.
                throw new IllegalStateException("the party's key was erased each time one was made");
            }
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            // Two nodes may race to create it: the first insert wins and both read that one.
            update("INSERT INTO room_party_keys (room_id, party, generation, party_key) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", roomId, party, newest.generation() + 1, key);
        }
    }

    /** The party's newest generation (the legacy one when it has none) and its key, null once destroyed. */
    private record Newest(int generation, byte[] key) {
    }

    private Newest newest(String roomId, String party) {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT generation, party_key FROM room_party_keys "
                     + "WHERE room_id = ? AND party = ? ORDER BY generation DESC LIMIT 1")) {
            select.setString(1, roomId);
            select.setString(2, party);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Newest(row.getInt(1), row.getBytes(2)) : new Newest(LEGACY_GENERATION, null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a party key", e);
        }
    }

    @Override
    public Optional<byte[]> existing(String roomId, String party, int generation) {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT party_key FROM room_party_keys WHERE room_id = ? AND party = ? AND generation = ?")) {
            select.setString(1, roomId);
            select.setString(2, party);
            select.setInt(3, generation);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a party key", e);
        }
    }

    @Override
    public void destroy(String roomId, String party) {
        update("UPDATE room_party_keys SET party_key = NULL WHERE room_id = ? AND party = ? AND party_key IS NOT NULL",
                roomId, party);
        run("VACUUM FULL room_party_keys");
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write party keys", e);
        }
    }

    private void run(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run: " + sql, e);
        }
    }
}
