package negotiation.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.logging.Level;
import java.util.logging.Logger;
import negotiation.readmodel.RoomHistory;
import negotiation.readmodel.Visibility;

/**
 * Streams a run of a room's events as one role sees them: a few events per write, each batch
 * presented and encoded on a store worker (never on the event loop), one batch in flight at a
 * time, pausing while the client's write queue is full, so neither a large room nor a slow
 * reader holds the whole answer in memory or the loop. What surrounds the events and how each
 * is written is the {@link Format}'s (the NDJSON export, the JSON array of {@code GET .../events}).
 */
final class HistoryStream {
    private static final int EVENTS_PER_WRITE = 64;
    private static final Logger LOG = Logger.getLogger(HistoryStream.class.getName());

    /** How the events are written. */
    interface Format {
        /** The text before the first event. */
        String head();

        /** One event as the viewer receives it ({@link Visibility#present}); {@code first} for the first one written. */
        String event(Object presented, boolean first);

        /** The text after the last event. */
        String tail();

        /** Sets the status line's headers, just before the first write. */
        void headers(HttpServerResponse response);
    }

    /** The events of {@code GET .../events} without a limit: one JSON array, as a page would be. */
    static final Format JSON_ARRAY = new Format() {
        @Override
        public String head() {
            return "[";
        }

        @Override
        public String event(Object presented, boolean first) {
            return first ? WebJson.encode(presented) : "," + WebJson.encode(presented);
        }

        @Override
        public String tail() {
            return "]";
        }

        @Override
        public void headers(HttpServerResponse response) {
            response.putHeader(io.vertx.core.http.HttpHeaders.CONTENT_TYPE, "application/json").putHeader(io.vertx.core.http.HttpHeaders.CACHE_CONTROL, "no-store");
        }
    };

    private final HttpServerResponse response;
    private final Rooms.Access access;
    private final Rooms rooms;
    private final Format format;
    private final int from;
    private final int size;
    /** The index of the first entry not yet handed to a worker; read and moved on the event loop only. */
    private int next;
    private boolean waitingForDrain;

    private HistoryStream(HttpServerResponse response, Rooms.Access access, Rooms rooms, Format format, long after) {
        this.response = response;
        this.access = access;
        this.rooms = rooms;
        this.format = format;
        this.size = access.room().entries().size();
        this.from = (int) Math.min(after, size);
        this.next = from;
    }

    /**
     * Streams the entries with seq > {@code after}. The head and the first batch are built before
     * the status is sent, so the returned future fails (and the caller answers the error) only
     * while nothing has been written; a later failure cuts the connection, leaving the client a
     * truncated answer rather than a complete-looking one.
     */
    static Future<Void> stream(HttpServerResponse response, Rooms.Access access, Rooms rooms, Format format,
                               long after) {
        HistoryStream stream = new HistoryStream(response, access, rooms, format, after);
        int start = stream.next;
        int to = stream.claimBatch();
        return rooms.compute(() -> format.head() + stream.events(start, to)).map(first -> {
            if (response.closed()) {
                return null; // the client left while the first batch was built
            }
            response.setStatusCode(200).setChunked(true);
            format.headers(response);
            response.drainHandler(drained -> stream.drained());
            stream.write(first);
            return null;
        });
    }

    /** The text of entries [start, to); runs on a worker. */
    private String events(int start, int to) {
        RoomHistory.Snapshot room = access.room();
        StringBuilder text = new StringBuilder();
        for (int i = start; i < to; i++) {
            text.append(format.event(Visibility.present(room, room.entries().get(i), access.viewer()), i == from));
        }
        return text.toString();
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
            response.end(format.tail());
            return;
        }
        if (response.writeQueueFull()) {
            waitingForDrain = true;
            return;
        }
        int start = next;
        int to = claimBatch();
        rooms.compute(() -> events(start, to)).onSuccess(this::write).onFailure(failure -> {
            // The type only: exception messages from the store may quote payloads.
            LOG.log(Level.WARNING, "a streamed history failed after its start: {0}", failure.getClass().getName());
            response.reset();
        });
    }
}
