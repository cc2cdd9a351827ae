package negotiation.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import negotiation.events.Privacy;
import negotiation.events.Private;
import negotiation.events.RoomEvent;
import negotiation.room.RoomAggregate;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Wraps the event store's JSON serializer so private fields are sealed at rest: the members of
 * a stored event declared {@link Private} (a party's interests and the salt of their commitment,
 * in {@code InterestsSubmitted}; a caucus note's text and salt, under its author's key), and the
 * interests, floor partitions and floor bands in room snapshots, are stored as
 * AES-GCM ciphertext under that party's current key generation ({@link PartyKeys}), bound to
 * room and party, as {@code {"sealed": base64(iv || ciphertext), "generation": n}}. Read back
 * without the key of that generation (after an erasure), they come out as null: erased; so do
 * sealed values that their key does not open (damaged data), logged once each, so that one
 * bad event never makes a room unreadable.
 */
final class SealingSerializer implements Serializer {
    private static final Logger LOG = Logger.getLogger(SealingSerializer.class.getName());
    private static final String SEALED = "sealed";
    /** The key generation a value was sealed with; absent in data sealed before generations existed. */
    private static final String GENERATION = "generation";
    private static final int IV_BYTES = 12;
    /** Base64 characters that spell exactly the 12-byte IV. */
    private static final int IV_TEXT = 16;
    /** How many unreadable sealings are remembered as already logged. */
    private static final int REPORTED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Serializer delegate;
    private final ObjectMapper mapper;
    private final PartyKeys keys;
    /** The stored event types with private members, by serialized type name: their kind and those members. */
    private final Map<String, SealedEvent> sealedEvents = new LinkedHashMap<>();
    private final String snapshotType;
    private final Set<String> reported = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REPORTED;
                }
            }));

    SealingSerializer(Serializer delegate, ObjectMapper mapper, PartyKeys keys) {
        this.delegate = delegate;
        this.mapper = mapper;
        this.keys = keys;
        for (Class<?> type : RoomEvent.class.getPermittedSubclasses()) {
            List<Privacy.Member> fields = Privacy.members(type).stream().filter(Privacy.Member::isPrivate).toList();
            if (!fields.isEmpty()) { // each holds its event's party's data, or with EACH_PARTY a map by party
                sealedEvents.put(delegate.typeForClass(type).getName(), new SealedEvent(RoomEvent.kindOf(type), fields));
            }
        }
        this.snapshotType = delegate.typeForClass(RoomAggregate.class).getName();
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<byte[]> plain = delegate.serialize(object, byte[].class);
        String type = plain.getType().getName();
        if (!sealedEvents.containsKey(type) && !type.equals(snapshotType)) {
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
        if (!sealedEvents.containsKey(type) && !type.equals(snapshotType)) {
            return delegate.deserialize(serialized);
        }
        ObjectNode tree = read(getConverter().convert(serialized, byte[].class).getData());
        transform(tree, type, false);
        // The opened tree goes to the delegate as it is (Jackson reads a value from a tree): writing it out
        // and parsing it again cost two more JSON passes per event, the larger part of a cold replay.
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serialized.getType()));
    }

    /**
     * Seals or opens the private members of an event (they are its party's) or the interests of a
     * snapshot (maps of party to interests).
     */
    private void transform(ObjectNode tree, String type, boolean seal) {
        String roomId = tree.path("roomId").asText();
        SealedEvent event = sealedEvents.get(type);
        if (event != null) {
            String party = tree.path("party").asText();
            String where = event.kind() + " of " + party + " at " + tree.path("at").asText();
            List<String> fields = event.fieldsOf(tree);
            if (!fields.isEmpty()) { // none, e.g., in a note to the whole room: its text is public
                // Sealed and erased together: the salt opens the public commitment, so it goes with what it commits to.
                Map<String, JsonNode> opened = convert(tree, fields, roomId, party, seal, where);
                opened.forEach(tree::set);
            }
            for (String field : event.eachParty()) {
                convertEach(tree, field, roomId, seal, event.kind() + " at " + tree.path("at").asText() + ", " + field);
            }
            return;
        }
        for (String field : new String[] {"interests", "roundInterests"}) {
            convertEach(tree, field, roomId, seal, "a snapshot's " + field);
        }
        // A party's partition and band are cut from its utilities and hold its floor: sealed like its
        // interests, so erasing its key shreds them in every snapshot, those written before the erasure too.
        if (tree.get("floorPrivacy") instanceof ObjectNode floors) {
            for (String field : new String[] {"partitions", "bands"}) {
                convertEach(floors, field, roomId, seal, "a snapshot's floor " + field);
            }
        }
    }

    /**
     * Seals or opens a map by party, each entry under its own party's key; an entry that no longer
     * opens (its party's key destroyed) is taken out.
     */
    private void convertEach(ObjectNode tree, String field, String roomId, boolean seal, String where) {
        if (!(tree.get(field) instanceof ObjectNode byParty)) {
            return;
        }
        List<String> parties = new ArrayList<>();
        byParty.fieldNames().forEachRemaining(parties::add);
        for (String party : parties) {
            JsonNode converted = convert(byParty, List.of(party), roomId, party, seal, where + " of " + party).get(party);
            if (converted.isNull()) {
                byParty.remove(party);
            } else {
                byParty.set(party, converted);
            }
        }
    }

    /**
     * Seals (under the party's current key generation) or opens the named fields of one party.
     * Opened, they all come out null when the key of their generation is gone (erased), and also
     * when any of them cannot be opened (damaged, or sealed under a key that is not theirs): that
     * is logged once, and the rest of the room reads on.
     */
    private Map<String, JsonNode> convert(ObjectNode holder, List<String> fields, String roomId, String party,
                                          boolean seal, String where) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        PartyKeys.PartyKey key = seal ? keys.current(roomId, party) : null;
        try {
            for (String field : fields) {
                JsonNode value = holder.get(field);
                out.put(field, value == null || value.isNull() ? NullNode.getInstance()
                        : seal ? seal(value, roomId, party, key) : open(value, roomId, party));
            }
        } catch (Unreadable e) {
            if (reported.add(roomId + "/" + party + "/" + e.sealing)) {
                LOG.log(Level.WARNING, "room {0}: {1} (key generation {2}) cannot be opened ({3}); it reads as erased",
                        new Object[] {roomId, where, e.generation, e.getCause().getClass().getName()});
            }
            fields.forEach(field -> out.put(field, NullNode.getInstance()));
        }
        return out;
    }

    private JsonNode seal(JsonNode value, String roomId, String party, PartyKeys.PartyKey key) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed;
        try {
            sealed = crypt(Cipher.ENCRYPT_MODE, key.bytes(), iv, roomId, party, write(value));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal private data", e);
        }
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return JsonNodeFactory.instance.objectNode()
                .put(SEALED, Base64.getEncoder().encodeToString(out))
                .put(GENERATION, key.generation());
    }

    /** The value in clear; null once its key generation is destroyed; a value stored in clear as it is. */
    private JsonNode open(JsonNode value, String roomId, String party) {
        if (!value.has(SEALED)) {
            return value;
        }
        // Sealed before generations existed: no member, under the one key the party had then.
        int generation = value.path(GENERATION).asInt(PartyKeys.LEGACY_GENERATION);
        Optional<byte[]> key = keys.existing(roomId, party, generation);
        if (key.isEmpty()) {
            return NullNode.getInstance();
        }
        String text = value.get(SEALED).asText();
        try {
            byte[] in = Base64.getDecoder().decode(text);
            if (in.length <= IV_BYTES) {
                throw new IllegalArgumentException("sealed data shorter than its IV");
            }
            byte[] iv = Arrays.copyOfRange(in, 0, IV_BYTES);
            byte[] sealed = Arrays.copyOfRange(in, IV_BYTES, in.length);
            return mapper.readTree(crypt(Cipher.DECRYPT_MODE, key.get(), iv, roomId, party, sealed));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            // The IV's text names this one sealing (it is random), without revealing anything sealed.
            throw new Unreadable(text.substring(0, Math.min(IV_TEXT, text.length())), generation, e);
        }
    }

    /** A stored event type's kind, and its members sealed at rest. */
    private record SealedEvent(String kind, List<Privacy.Member> fields) {
        /**
         * The members of the event's party private in this event: those without a condition, and those
         * whose condition is set.
         */
        List<String> fieldsOf(ObjectNode tree) {
            return fields.stream().filter(m -> m.declared().value() != Private.Readers.EACH_PARTY)
                    .filter(m -> m.declared().when().isEmpty() || tree.hasNonNull(m.declared().when()))
                    .map(Privacy.Member::json).toList();
        }

        /** The members that are maps by party, each entry that party's. */
        List<String> eachParty() {
            return fields.stream().filter(m -> m.declared().value() == Private.Readers.EACH_PARTY)
                    .map(Privacy.Member::json).toList();
        }
    }

    /** Sealed data that its key generation does not open. */
    private static final class Unreadable extends RuntimeException {
        final String sealing;
        final int generation;

        Unreadable(String sealing, int generation, Exception cause) {
            super(cause);
            this.sealing = sealing;
            this.generation = generation;
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] iv, String roomId, String party, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        // Bound to room and party: a ciphertext moved to another party's event does not open.
        cipher.updateAAD((roomId + "/" + party).getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(input);
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
