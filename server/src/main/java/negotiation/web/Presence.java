package negotiation.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import negotiation.room.AgendaRules;
import negotiation.wire.PresenceMessage;

/**
 * Who is in each room right now, across the nodes of a cluster (PROTOCOL 1.1, "Presence"). Each
 * node counts its own sockets that said hello, by role, and publishes those counts on the
 * (clustered) event bus whenever they change and as a heartbeat; every node adds the counts of
 * the others. A node that stops sending heartbeats (killed, cut off) drops out after
 * {@link #expiryMillis}, so its sockets disappear from the count without a goodbye. Nothing here
 * is written to the log.
 */
final class Presence implements Shareable {
    /** How often a node repeats its counts; a node silent for {@link #expiryMillis} is gone. */
    static final long HEARTBEAT_MILLIS = Long.getLong("negotiation.presence.heartbeatMillis", 2000);
    private final long expiryMillis = 3 * HEARTBEAT_MILLIS + 500;

    private final Vertx vertx;
    private final String node = UUID.randomUUID().toString();
    private final Map<String, Room> rooms = new HashMap<>();

    /** One room as this node sees it: its parties, local sockets, other nodes' counts, and what was last sent. */
    private static final class Room {
        final List<String> parties;
        final Map<Object, Socket> local = new LinkedHashMap<>();
        /** The local sockets by role, kept as they come and go (a room may hold thousands of sockets). */
        final Map<String, Integer> localCounts = new HashMap<>();
        final Map<String, Remote> remote = new HashMap<>();
        MessageConsumer<JsonObject> consumer;
        PresenceMessage last;

        Room(List<String> parties) {
            this.parties = parties;
        }
    }

    private record Socket(String role, Context context, Consumer<Object> writer) {
        void send(PresenceMessage message) {
            context.runOnContext(v -> writer.accept(message));
        }
    }

    private record Remote(Map<String, Integer> counts, long expiresAt) {
    }

    private Presence(Vertx vertx) {
        this.vertx = vertx;
        vertx.setPeriodic(HEARTBEAT_MILLIS, id -> heartbeat());
    }

    /** The node's one presence, kept in the Vert.x instance's local shared data, so it goes when Vert.x closes. */
    static Presence of(Vertx vertx) {
        LocalMap<String, Presence> shared = vertx.sharedData().getLocalMap(Presence.class.getName());
        synchronized (Presence.class) {
            Presence presence = shared.get("node");
            if (presence == null) {
                presence = new Presence(vertx);
                shared.put("node", presence);
            }
            return presence;
        }
    }

    static String address(String roomId) {
        return "rooms.presence." + roomId;
    }

    /**
     * A socket that said hello: it gets the room's presence now (right after its ack) and on every
     * change. Saying hello again on the same socket counts once.
     */
    synchronized void join(String roomId, List<String> parties, Object socket, String role, Consumer<Object> writer) {
        Room room = rooms.computeIfAbsent(roomId, id -> new Room(parties));
        boolean first = room.local.isEmpty();
        Socket joined = new Socket(role, vertx.getOrCreateContext(), writer);
        boolean counted = room.local.putIfAbsent(socket, joined) == null;
        if (counted) {
            room.localCounts.merge(role, 1, Integer::sum);
        }
        if (room.consumer == null) {
            room.consumer = vertx.eventBus().consumer(address(roomId), message -> received(roomId, message.body()));
        }
        if (counted) {
            publish(roomId, room, first);
        }
        boolean differs = changed(room);
        joined.send(room.last); // right after the hello's ack, even when nothing changed
        if (differs) {
            notifyOthers(room, socket);
        }
    }

    /** A socket closed. */
    synchronized void leave(String roomId, Object socket) {
        Room room = rooms.get(roomId);
        Socket left = room == null ? null : room.local.remove(socket);
        if (left == null) {
            return;
        }
        room.localCounts.computeIfPresent(left.role(), (role, n) -> n > 1 ? n - 1 : null);
        publish(roomId, room, false); // with no socket left, a goodbye: the other nodes drop this node's counts
        if (room.local.isEmpty()) {
            // The room's consumer stays until the next heartbeat, so messages already on their
            // way (this goodbye included) still find it.
            room.remote.clear();
            room.last = null;
            return;
        }
        if (changed(room)) {
            room.local.values().forEach(s -> s.send(room.last));
        }
    }

    private synchronized void received(String roomId, JsonObject message) {
        Room room = rooms.get(roomId);
        String from = message.getString("node");
        if (room == null || room.local.isEmpty() || node.equals(from)) {
            return;
        }
        Map<String, Integer> counts = new HashMap<>();
        message.getJsonObject("counts").forEach(e -> counts.put(e.getKey(), ((Number) e.getValue()).intValue()));
        if (counts.isEmpty()) {
            room.remote.remove(from);
        } else {
            room.remote.put(from, new Remote(counts, System.currentTimeMillis() + expiryMillis));
        }
        if (message.getBoolean("ask", false)) {
            publish(roomId, room, false); // a node just joined this room: tell it who is here
        }
        if (changed(room)) {
            room.local.values().forEach(s -> s.send(room.last));
        }
    }

    /** Repeats this node's counts, and forgets nodes that stopped repeating theirs. */
    private synchronized void heartbeat() {
        long now = System.currentTimeMillis();
        for (var it = rooms.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Room> entry = it.next();
            Room room = entry.getValue();
            if (room.local.isEmpty()) {
                room.consumer.unregister();
                it.remove();
                continue;
            }
            publish(entry.getKey(), room, false);
            if (room.remote.values().removeIf(remote -> remote.expiresAt() < now) && changed(room)) {
                room.local.values().forEach(s -> s.send(room.last));
            }
        }
    }

    private void publish(String roomId, Room room, boolean ask) {
        JsonObject counts = new JsonObject();
        room.localCounts.forEach(counts::put);
        vertx.eventBus().publish(address(roomId), new JsonObject().put("node", node).put("counts", counts).put("ask", ask));
    }

    /** Recomputes the room's presence over every node; true when it differs from what was last sent. */
    private static boolean changed(Room room) {
        Map<String, Integer> total = new HashMap<>(room.localCounts);
        room.remote.values().forEach(remote -> remote.counts().forEach((role, n) -> total.merge(role, n, Integer::sum)));
        Map<String, Boolean> parties = new LinkedHashMap<>();
        room.parties.forEach(party -> parties.put(party, total.getOrDefault(party, 0) > 0));
        PresenceMessage now = new PresenceMessage(parties, total.getOrDefault(AgendaRules.MEDIATOR, 0));
        if (now.equals(room.last)) {
            return false;
        }
        room.last = now;
        return true;
    }

    private static void notifyOthers(Room room, Object except) {
        room.local.forEach((socket, s) -> {
            if (socket != except) {
                s.send(room.last);
            }
        });
    }
}
