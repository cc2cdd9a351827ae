package negotiation.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import negotiation.events.InterestsSubmitted;
import negotiation.room.RoomAggregate;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Wraps the event store's JSON serializer so private fields are sealed at rest: a party's
 * interests, in {@code InterestsSubmitted} events and in room snapshots, are stored as
 * AES-GCM ciphertext under that party's key ({@link PartyKeys}), bound to room and party.
 * Read back without the key (after an erasure), they come out as null: erased.
 */
final class SealingSerializer implements Serializer {
    private static final String SEALED = "sealed";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Serializer delegate;
    private final ObjectMapper mapper;
    private final PartyKeys keys;
    private final String eventType;
    private final String snapshotType;

    SealingSerializer(Serializer delegate, ObjectMapper mapper, PartyKeys keys) {
        this.delegate = delegate;
        this.mapper = mapper;
        this.keys = keys;
        this.eventType = delegate.typeForClass(InterestsSubmitted.class).getName();
        this.snapshotType = delegate.typeForClass(RoomAggregate.class).getName();
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<byte[]> plain = delegate.serialize(object, byte[].class);
        String type = plain.getType().getName();
        if (!type.equals(eventType) && !type.equals(snapshotType)) {
            return getConverter().convert(plain, expectedRepresentation);
        }
        ObjectNode tree = read(plain.getData());
        transform(tree, type, true);
        return getConverter().convert(new SimpleSerializedObject<>(write(tree), byte[].class, plain.getType()),
                expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        String type = serialized.getType().getName();
        if (!type.equals(eventType) && !type.equals(snapshotType)) {
            return delegate.deserialize(serialized);
        }
        ObjectNode tree = read(getConverter().convert(serialized, byte[].class).getData());
        transform(tree, type, false);
        return delegate.deserialize(new SimpleSerializedObject<>(write(tree), byte[].class, serialized.getType()));
    }

    /** Seals or opens the interests of an event (one party) or a snapshot (maps of party to interests). */
    private void transform(ObjectNode tree, String type, boolean seal) {
        String roomId = tree.path("roomId").asText();
        if (type.equals(eventType)) {
            String party = tree.path("party").asText();
            tree.set("interests", convert(tree.get("interests"), roomId, party, seal));
            // The salt opens the public commitment: sealed and erased with the interests, or it would open them.
            tree.set("salt", convert(tree.get("salt"), roomId, party, seal));
            return;
        }
        for (String field : new String[] {"interests", "roundInterests"}) {
            if (tree.get(field) instanceof ObjectNode byParty) {
                for (Iterator<Map.Entry<String, JsonNode>> it = byParty.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    JsonNode converted = convert(entry.getValue(), roomId, entry.getKey(), seal);
                    if (converted.isNull()) {
                        it.remove();
                    } else {
                        entry.setValue(converted);
                    }
                }
            }
        }
    }

    private JsonNode convert(JsonNode value, String roomId, String party, boolean seal) {
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        return seal ? seal(value, roomId, party) : open(value, roomId, party);
    }

    private JsonNode seal(JsonNode interests, String roomId, String party) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, keys.keyFor(roomId, party), iv, roomId, party, write(interests));
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return JsonNodeFactory.instance.objectNode().put(SEALED, Base64.getEncoder().encodeToString(out));
    }

    private JsonNode open(JsonNode value, String roomId, String party) {
        if (!value.has(SEALED)) {
            return value;
        }
        Optional<byte[]> key = keys.existing(roomId, party);
        if (key.isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        byte[] in = Base64.getDecoder().decode(value.get(SEALED).asText());
        byte[] iv = java.util.Arrays.copyOfRange(in, 0, IV_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(in, IV_BYTES, in.length);
        try {
            return mapper.readTree(crypt(Cipher.DECRYPT_MODE, key.get(), iv, roomId, party, sealed));
        } catch (IOException e) {
            throw new UncheckedIOException("sealed interests are not JSON", e);
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] iv, String roomId, String party, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            // Bound to room and party: a ciphertext moved to another party's event does not open.
            cipher.updateAAD((roomId + "/" + party).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed on sealed interests", e);
        }
    }

    private ObjectNode read(byte[] json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored payload is not a JSON object", e);
        }
    }

    private byte[] write(JsonNode tree) {
        try {
            return mapper.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
