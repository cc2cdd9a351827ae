package negotiation.store;

import java.util.HashMap;
import java.util.Map;
import negotiation.events.RoomEvent;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * Stores each room event under its stable type name (its {@code KIND}, e.g. {@code OfferMade})
 * instead of its Java class name, which Axon writes by default: renaming or moving an event
 * class must not make the stored log unreadable. Events stored under the class name by earlier
 * builds still read. Other types (the aggregate's snapshots) keep the delegate's names.
 */
final class StableTypeNames implements Serializer {
    private final Serializer delegate;
    /** Stable name to the delegate's name for the same class, and back. */
    private final Map<String, String> delegateNames = new HashMap<>();
    private final Map<String, String> stableNames = new HashMap<>();

    StableTypeNames(Serializer delegate) {
        this.delegate = delegate;
        for (Class<?> type : RoomEvent.class.getPermittedSubclasses()) {
            String delegateName = delegate.typeForClass(type).getName();
            String stable = RoomEvent.kindOf(type);
            if (delegateNames.put(stable, delegateName) != null) {
                throw new IllegalStateException("two event types share the stable name " + stable);
            }
            stableNames.put(delegateName, stable);
        }
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<T> serialized = delegate.serialize(object, expectedRepresentation);
        return new SimpleSerializedObject<>(serialized.getData(), serialized.getContentType(),
                stable(serialized.getType()));
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        return delegate.deserialize(new SimpleSerializedObject<>(serialized.getData(), serialized.getContentType(),
                toDelegate(serialized.getType())));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(toDelegate(type));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return stable(delegate.typeForClass(type));
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private SerializedType stable(SerializedType type) {
        String stable = stableNames.get(type.getName());
        return stable == null ? type : new SimpleSerializedType(stable, type.getRevision());
    }

    /** A stored type as the delegate knows it: stable names map back; class names (older rows) pass through. */
    private SerializedType toDelegate(SerializedType type) {
        String name = delegateNames.get(type.getName());
        return name == null ? type : new SimpleSerializedType(name, type.getRevision());
    }
}
