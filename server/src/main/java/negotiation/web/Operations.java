package negotiation.web;

import java.nio.file.Path;

/**
 * What the server offers its operator beside the rooms: readiness, and an online backup for
 * whoever holds the admin token (written into the data directory at each start, so reading it
 * takes the same access as reading the store itself).
 *
 * @param adminTokenHash SHA-256 of the admin token ({@link Invites#hash}); null: no admin endpoints
 * @param backups        takes a backup into a new file and returns it; blocking, run on a store worker
 */
public record Operations(Readiness readiness, String adminTokenHash, Backups backups) {
    /** Nothing to offer: always ready, no admin endpoints. */
    public static final Operations NONE = new Operations(() -> null, null, null);

    /** A new random token, as long and as random as an invite. */
    public static String newToken() {
        return Invites.newToken();
    }

    /** The hash {@code adminTokenHash} is compared with. */
    public static String hash(String token) {
        return Invites.hash(token);
    }

    /** Takes a backup. */
    @FunctionalInterface
    public interface Backups {
        Path take() throws Exception;
    }
}
