package negotiation.web;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets per key (a room and role, or a remote address), refilled at a steady rate. */
final class RateLimiter {
    private static final long IDLE_NANOS = 10L * 60 * 1_000_000_000L;
    private final double perNano;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int ratePerSecond, int burst) {
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    /** Takes one token for the key; false when its bucket is empty. */
    boolean tryTake(String key) {
        long now = System.nanoTime();
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now, perNano, burst);
    }

    /** Forgets buckets unused for ten minutes, so the map does not grow with every client ever seen. */
    void sweep() {
        long now = System.nanoTime();
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (now - it.next().last > IDLE_NANOS) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(long now, double perNano, int burst) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
