package negotiation.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate cache on Caffeine: the most recently used rooms, held strongly up to a bound.
 * Axon's {@code WeakReferenceCache} lost every idle room at each garbage collection, so under
 * load most commands of a 1,000-room run re-read their room from its snapshot and events (the
 * profile in docs/performance.md).
 */
final class RoomCache implements Cache {
    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> rooms;

    RoomCache(long maxRooms) {
        rooms = Caffeine.newBuilder().maximumSize(maxRooms).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) rooms.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        rooms.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return rooms.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) rooms.get(key, k -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        rooms.asMap().computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public boolean remove(Object key) {
        return rooms.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        rooms.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return rooms.getIfPresent(key) != null;
    }

    /** Nothing here listens to entries; Axon's caching repository registers no listener. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("the room cache has no entry listeners");
    }
}
