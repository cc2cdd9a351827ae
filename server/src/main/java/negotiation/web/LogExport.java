package negotiation.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import negotiation.mediation.ExportFile;
import negotiation.readmodel.RoomHistory;

/**
 * A room's log as one role sees it, in the export format ({@link ExportFile}): a header line,
 * then one line per event, streamed by {@link HistoryStream}.
 */
final class LogExport implements HistoryStream.Format {
    private final Rooms.Access access;

    private LogExport(Rooms.Access access) {
        this.access = access;
    }

    /** Starts the export; the future fails only while nothing has been written ({@link HistoryStream#stream}). */
    static Future<Void> stream(HttpServerResponse response, Rooms.Access access, Rooms rooms) {
        return HistoryStream.stream(response, access, rooms, new LogExport(access), 0);
    }

    @Override
    public String head() {
        RoomHistory.Snapshot room = access.room();
        return ExportFile.header(access.roomId(), access.viewer().role(), room.lastSeq(), room.head(),
                Instant.now().toString()) + "\n";
    }

    @Override
    public String event(Object presented, boolean first) {
        return ExportFile.line(presented) + "\n";
    }

    @Override
    public String tail() {
        return "";
    }

    @Override
    public void headers(HttpServerResponse response) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Content-Disposition", "attachment; filename=\"room-" + access.roomId() + "-"
                        + access.viewer().role() + ".ndjson\"");
    }
}
