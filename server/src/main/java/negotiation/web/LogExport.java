package negotiation.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import negotiation.mediation.ExportFile;
import negotiation.readmodel.RoomHistory;
import negotiation.readmodel.Visibility;

/**
 * Streams a room's log as one role sees it, in the export format ({@link ExportFile}): a few
 * events per write, each batch presented and encoded on a store worker (never on the event
 * loop), one batch in flight at a time, pausing while the client's write queue is full, so
 * neither a large room nor a slow reader holds the whole file in memory or the loop.
 */
final class LogExport {
    private static final int EVENTS_PER_WRITE = 64;
    private static final Logger LOG = Logger.getLogger(LogExport.class.getName());
    private final HttpServerResponse response;
    private final Rooms.Access access;
    private final Rooms rooms;
    private final int size;
    /** The index of the first entry not yet handed to a worker; read and moved on the event loop only. */
    private int next;
    private boolean waitingForDrain;

    private LogExport(HttpServerResponse response, Rooms.Access access, Rooms rooms) {
        this.response = response;
        this.access = access;
        this.rooms = rooms;
        this.size = access.room().entries().size();
    }

    /**
     * Starts the export. The header and the first batch are built before the status is sent,
     * so the returned future fails (and the caller answers the error) only while nothing has
     * been written; a later failure cuts the connection, leaving the client a truncated file
     * that fails verification rather than a complete-looking one.
     */
    static Future<Void> stream(HttpServerResponse response, Rooms.Access access, Rooms rooms) {
        LogExport export = new LogExport(response, access, rooms);
        int to = export.claimBatch();
        return rooms.compute(() -> export.header() + export.lines(0, to)).map(first -> {
            if (response.closed()) {
                return null; // the client left while the first batch was built
            }
            response.setStatusCode(200).setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader("Content-Disposition", "attachment; filename=\"room-" + access.roomId() + "-"
                            + access.viewer().role() + ".ndjson\"");
            response.drainHandler(drained -> export.drained());
            export.write(first);
            return null;
        });
    }

    private String header() {
        RoomHistory.Snapshot room = access.room();
        return ExportFile.header(access.roomId(), access.viewer().role(), room.lastSeq(), room.head(),
                Instant.now().toString()) + "\n";
    }

    /** The export lines of entries [from, to), one per line; runs on a worker. */
    private String lines(int from, int to) {
        RoomHistory.Snapshot room = access.room();
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            lines.append(ExportFile.line(Visibility.present(room, room.entries().get(i), access.viewer()))).append('\n');
        }
        return lines.toString();
    }

    /** Takes the next batch of entries; returns the end of the batch (exclusive). */
    private int claimBatch() {
        next = Math.min(size, next + EVENTS_PER_WRITE);
        return next;
    }

    private void write(String text) {
        if (response.closed()) {
            return;
        }
        response.write(text);
        pump();
    }

    private void drained() {
        if (waitingForDrain) {
            waitingForDrain = false;
            pump();
        }
    }

    private void pump() {
        if (response.closed()) {
            return;
        }
        if (next >= size) {
            response.end();
            return;
        }
        if (response.writeQueueFull()) {
            waitingForDrain = true;
            return;
        }
        int from = next;
        int to = claimBatch();
        rooms.compute(() -> lines(from, to)).onSuccess(this::write).onFailure(failure -> {
            // The type only: exception messages from the store may quote payloads.
            LOG.log(Level.WARNING, "export failed after its start: {0}", failure.getClass().getName());
            response.reset();
        });
    }
}
