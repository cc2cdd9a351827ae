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
 * Party keys in a table of a shared PostgreSQL database, for several server nodes. Keys are
 * never cached: a key destroyed on one node must stop opening data on every node at once.
 * After a delete, VACUUM FULL rewrites the small key table, so the deleted key's bytes do not
 * linger in the table's old pages.
 */
final class JdbcPartyKeys implements PartyKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource database;

    JdbcPartyKeys(DataSource database) {
        this.database = database;
        run("CREATE TABLE IF NOT EXISTS room_party_keys (room_id VARCHAR(64) NOT NULL, party VARCHAR(64) NOT NULL, "
                + "party_key BYTEA NOT NULL, PRIMARY KEY (room_id, party))");
    }

    @Override
    public byte[] keyFor(String roomId, String party) {
        Optional<byte[]> existing = existing(roomId, party);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        // Two nodes may race to create it: the first insert wins and both read that one.
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO room_party_keys (room_id, party, party_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, roomId);
            insert.setString(2, party);
            insert.setBytes(3, key);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a party key", e);
        }
        return existing(roomId, party).orElseThrow();
    }

    @Override
    public Optional<byte[]> existing(String roomId, String party) {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT party_key FROM room_party_keys WHERE room_id = ? AND party = ?")) {
            select.setString(1, roomId);
            select.setString(2, party);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a party key", e);
        }
    }

    @Override
    public void destroy(String roomId, String party) {
        try (Connection connection = database.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM room_party_keys WHERE room_id = ? AND party = ?")) {
            connection.setAutoCommit(true);
            delete.setString(1, roomId);
            delete.setString(2, party);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete a party key", e);
        }
        run("VACUUM FULL room_party_keys");
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
