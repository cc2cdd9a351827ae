package negotiation.mediation;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import negotiation.room.CaucusCommitment;
import negotiation.history.HashChain;
import negotiation.room.InterestsCommitment;
import negotiation.wire.EventMessage;

/**
 * Checks an export line by line, in constant memory: the header, gapless seqs from 1, each
 * event's hash against the hash before it and its public content, each commitment the
 * exporter could open, and that the chain ends where and how the header says.
 */
public final class ChainVerifier {
    private ChainVerifier() {
    }

    /**
     * What a check found: the room and role of the header, how far the chain holds and its
     * head there, and the first break (the seq where it is, 0 for the header; and why), if any.
     */
    public record Verification(String roomId, String role, long verified, String head, long brokenAt, String reason) {
        public boolean intact() {
            return reason == null;
        }
    }

    /** Verifies an export; hands each verified event to {@code onEvent}, in order. */
    public static Verification verify(BufferedReader in, Consumer<EventMessage> onEvent) throws IOException {
        String first = in.readLine();
        Map<String, Object> header;
        try {
            header = ExportFile.parse(first == null ? "" : first);
        } catch (IllegalArgumentException e) {
            return new Verification(null, null, 0, HashChain.GENESIS, 0, "line 1 is not the export header: "
                    + e.getMessage());
        }
        if (!"export".equals(header.get("type")) || !ExportFile.FORMAT.equals(header.get("format"))) {
            return new Verification(null, null, 0, HashChain.GENESIS, 0,
                    "line 1 is not a " + ExportFile.FORMAT + " header");
        }
        Chain chain = new Chain(String.valueOf(header.get("roomId")), String.valueOf(header.get("role")));
        int lineNumber = 1;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            lineNumber++;
            if (text.isBlank()) {
                continue;
            }
            String problem = chain.link(text, lineNumber);
            if (problem != null) {
                return chain.brokenAt(chain.verified + 1, problem);
            }
            onEvent.accept(chain.last);
        }
        long claimed = header.get("seq") instanceof Number n ? n.longValue() : -1;
        if (claimed != chain.verified) {
            return chain.brokenAt(Math.min(claimed, chain.verified) + 1, "the header says the export holds "
                    + header.get("seq") + " events, the file holds " + chain.verified);
        }
        if (!Objects.equals(header.get("head"), chain.head)) {
            return chain.brokenAt(chain.verified, "the header's head hash is not the chain's");
        }
        return new Verification(chain.roomId, chain.role, chain.verified, chain.head, 0, null);
    }

    /** The chain as far as it verified. */
    private static final class Chain {
        final String roomId;
        final String role;
        long verified;
        String head = HashChain.GENESIS;
        EventMessage last;

        Chain(String roomId, String role) {
            this.roomId = roomId;
            this.role = role;
        }

        /**
         * Adds the event on a line; returns why it does not belong, or null when it does. The hash
         * and the commitments are checked on the data as written, then it is read as its kind's type.
         */
        String link(String text, int lineNumber) {
            ExportFile.EventLine event;
            try {
                event = ExportFile.event(ExportFile.parse(text));
            } catch (IllegalArgumentException e) {
                return "line " + lineNumber + " " + e.getMessage();
            }
            long expected = verified + 1;
            if (event.seq() != expected) {
                return "line " + lineNumber + " holds seq " + event.seq() + " where seq " + expected
                        + " belongs: an event is missing, repeated or out of order";
            }
            String hash;
            try {
                hash = HashChain.next(head, event.seq(), event.at(), event.kind(), event.data());
            } catch (IllegalArgumentException e) {
                return "its data has no canonical form: " + e.getMessage();
            }
            if (!hash.equals(event.hash())) {
                return "its hash does not match its content and the hash before it: the event was altered";
            }
            String opened = opening(event.data());
            if (opened != null && !opened.equals(event.data().get("commitment"))) {
                return event.data().containsKey("to") ? "its caucus text does not match its commitment"
                        : "its interests do not match their commitment";
            }
            try {
                last = event.message();
            } catch (IllegalArgumentException e) {
                return "line " + lineNumber + " " + e.getMessage();
            }
            verified = expected;
            head = hash;
            return null;
        }

        Verification brokenAt(long seq, String reason) {
            return new Verification(roomId, role, verified, head, seq, reason);
        }
    }

    /** The commitment recomputed from the interests and salt a line shows, or null when it shows no opening. */
    private static String opening(Map<String, Object> data) {
        if (data.get("interests") instanceof Map<?, ?> interests && data.get("salt") instanceof String salt
                && data.get("commitment") instanceof String) {
            try {
                return InterestsCommitment.of(salt, interests);
            } catch (IllegalArgumentException e) {
                return "not a salt: " + salt;
            }
        }
        if (data.get("to") != null && data.get("text") instanceof String text && data.get("salt") instanceof String salt
                && data.get("commitment") instanceof String) {
            try {
                return CaucusCommitment.of(salt, text);
            } catch (IllegalArgumentException e) {
                return "not a salt: " + salt;
            }
        }
        return null;
    }
}
