package negotiation.room;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each room's and each role's (token's) share of the engine's CPU time (docs/protocol.md, "Limits of a
 * room"): a bucket of CPU seconds that refills at its rate per minute, up to one minute's worth. A
 * round is refused with {@code rate_limited} while the room's or the sender's bucket is empty; the
 * CPU time every computation takes (rounds and improvement checks, refused ones too) is taken from
 * both. Whoever creates a room holds every token of it, so the room's bucket is what bounds one
 * creator; the role's keeps one party of a real room from spending all of the room's time. The
 * buckets live in this server's memory: after a restart, and on each node of a cluster, they start
 * full, and a refusal appends nothing, so the room's history does not depend on them.
 */
final class EngineQuota {
    static final String ROOM_PROPERTY = "negotiation.engine.roomCpuSecondsPerMinute";
    static final String ROLE_PROPERTY = "negotiation.engine.roleCpuSecondsPerMinute";
    static final int DEFAULT_ROOM_SECONDS = 20;
    static final int DEFAULT_ROLE_SECONDS = 10;
    /** Buckets kept at most; beyond, the full ones (which refuse nothing) are dropped. */
    private static final int MAX_BUCKETS = 100_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final EngineQuota SHARED = new EngineQuota(Integer.getInteger(ROOM_PROPERTY, DEFAULT_ROOM_SECONDS),
            Integer.getInteger(ROLE_PROPERTY, DEFAULT_ROLE_SECONDS), System::nanoTime);

    private final long roomNanos;
    private final long roleNanos;
    private final Supplier<Long> clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    EngineQuota(int roomSecondsPerMinute, int roleSecondsPerMinute, Supplier<Long> clock) {
        if (roomSecondsPerMinute < 1 || roleSecondsPerMinute < 1) {
            throw new IllegalArgumentException(ROOM_PROPERTY + " and " + ROLE_PROPERTY + " must be at least 1");
        }
        this.roomNanos = roomSecondsPerMinute * 1_000_000_000L;
        this.roleNanos = roleSecondsPerMinute * 1_000_000_000L;
        this.clock = clock;
    }

    static EngineQuota shared() {
        return SHARED;
    }

    /** Refuses with rate_limited while the room's or the role's engine time is spent. */
    void check(String roomId, String role) {
        long now = clock.get();
        refuseIfEmpty(bucket(roomId, roomNanos), now, "this room", roomNanos, ROOM_PROPERTY);
        refuseIfEmpty(bucket(roomId + "/" + role, roleNanos), now, "'" + role + "'", roleNanos, ROLE_PROPERTY);
    }

    /** Runs an engine computation on this thread and takes its CPU time from the room's and the role's buckets. */
    <T> T spend(String roomId, String role, Supplier<T> computation) {
        long start = THREADS.getCurrentThreadCpuTime();
        try {
            return computation.get();
        } finally {
            long used = Math.max(0, THREADS.getCurrentThreadCpuTime() - start);
            long now = clock.get();
            bucket(roomId, roomNanos).take(used, now, roomNanos);
            bucket(roomId + "/" + role, roleNanos).take(used, now, roleNanos);
        }
    }

    private Bucket bucket(String key, long perMinute) {
        if (buckets.size() > MAX_BUCKETS) {
            long now = clock.get();
            buckets.values().removeIf(b -> b.level(now, perMinute) >= perMinute);
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(perMinute, clock.get()));
    }

    private static void refuseIfEmpty(Bucket bucket, long now, String who, long perMinute, String property) {
        long level = bucket.level(now, perMinute);
        if (level > 0) {
            return;
        }
        long waitSeconds = Math.max(1, (-level * 60 + perMinute - 1) / perMinute);
        throw new RoomRejection("rate_limited", String.format(Locale.ROOT, "%s used its share of the engine's time"
                + " (%d s of CPU a minute, %s): nothing was appended; send it again in %d s", who,
                perMinute / 1_000_000_000L, property, waitSeconds));
    }

    /** CPU nanoseconds available: refills at perMinute a minute, up to perMinute; may go below zero (debt). */
    private static final class Bucket {
        private long level;
        private long updated;

        Bucket(long perMinute, long now) {
            this.level = perMinute;
            this.updated = now;
        }

        synchronized long level(long now, long perMinute) {
            long elapsed = Math.max(0, now - updated);
            // perMinute nanoseconds per 60e9 nanoseconds; computed in double, no overflow over long idles
            level = (long) Math.min(perMinute, level + (double) elapsed * perMinute / 60e9);
            updated = now;
            return level;
        }

        synchronized void take(long nanos, long now, long perMinute) {
            level(now, perMinute);
            level -= nanos;
        }
    }
}
