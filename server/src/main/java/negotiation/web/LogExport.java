package negotiation.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import negotiation.mediation.ExportFile;
import negotiation.readmodel.RoomHistory;
import negotiation.readmodel.Visibility;

/**
 * Streams a room's log as one role sees it, in the export format ({@link ExportFile}): a few
 * events per write, pausing while the client's write queue is full and yielding the event
 * loop between writes, so neither a large room nor a slow reader holds the whole file in
 * memory or the loop.
 */
final class LogExport {
    private static final int EVENTS_PER_WRITE = 64;
    private final HttpServerResponse response;
    private final Rooms.Access access;
    private final Context context;
    private int next;

    private LogExport(HttpServerResponse response, Rooms.Access access, Context context) {
        this.response = response;
        this.access = access;
        this.context = context;
    }

    static void stream(HttpServerResponse response, Rooms.Access access) {
        RoomHistory.Snapshot room = access.room();
        String role = access.viewer().role();
        response.setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Content-Disposition",
                        "attachment; filename=\"room-" + access.roomId() + "-" + role + ".ndjson\"");
        response.write(ExportFile.header(access.roomId(), role, room.lastSeq(), room.head(), Instant.now().toString())
                + "\n");
        new LogExport(response, access, Vertx.currentContext()).pump();
    }

    private void pump() {
        RoomHistory.Snapshot room = access.room();
        int size = room.entries().size();
        if (response.closed()) {
            return;
        }
        if (next >= size) {
            response.end();
            return;
        }
        if (response.writeQueueFull()) {
            response.drainHandler(v -> pump());
            return;
        }
        Buffer chunk = Buffer.buffer();
        for (int k = 0; k < EVENTS_PER_WRITE && next < size; k++, next++) {
            chunk.appendString(ExportFile.line(Visibility.present(room, room.entries().get(next), access.viewer())))
                    .appendString("\n");
        }
        response.write(chunk);
        context.runOnContext(v -> pump());
    }
}
