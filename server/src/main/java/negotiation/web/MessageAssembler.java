package negotiation.web;

import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins one socket's data frames into messages (RFC 6455 section 5.4) under the server's two
 * size limits, decoding text strictly as UTF-8. Vert.x's own text messages replace bad bytes
 * with U+FFFD; section 8.1 asks to fail the connection instead, so frames come here raw.
 * Text is checked frame by frame (a character may straddle two frames), so a message is
 * judged even when it is too large to keep.
 */
final class MessageAssembler {
    /** A message the protocol reads: larger ones are refused with too_large, the socket stays. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** Beyond this (one frame or a whole message) the connection is failed with 1009. */
    static final int MAX_WIRE_MESSAGE_BYTES = 1024 * 1024;
    static final short INVALID_PAYLOAD = 1007;
    static final short MESSAGE_TOO_BIG = 1009;

    /** What a complete message (or a failed one) turned out to be. */
    sealed interface Outcome {
    }

    /** A whole text message within the limit. */
    record Text(String text) implements Outcome {
    }

    /** A whole binary message: the protocol has none. */
    record Binary() implements Outcome {
    }

    /** A valid message over {@link #MAX_MESSAGE_BYTES} but within the wire limit: refused, the socket stays. */
    record TooLarge() implements Outcome {
    }

    /** The connection must fail with this close code. */
    record Fail(short code, String reason) implements Outcome {
    }

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private boolean inText;
    private long received;
    private StringBuilder text = new StringBuilder();
    /** The first bytes of a character whose other bytes are in the next frame. */
    private byte[] carried = new byte[0];

    /**
     * Takes the next data frame (text, binary or continuation); answers null while the
     * message is incomplete, else what the message was. Control frames are not for this.
     */
    Outcome add(WebSocketFrame frame) {
        if (!frame.isContinuation()) {
            inText = frame.isText();
            received = 0;
            text = new StringBuilder();
            carried = new byte[0];
            utf8.reset();
        }
        byte[] bytes = frame.binaryData().getBytes();
        received += bytes.length;
        if (received > MAX_WIRE_MESSAGE_BYTES) {
            return new Fail(MESSAGE_TOO_BIG, "a message may carry at most 1 MiB");
        }
        if (inText && !decode(bytes, frame.isFinal())) {
            return new Fail(INVALID_PAYLOAD, "text frames must be UTF-8");
        }
        if (!frame.isFinal()) {
            return null;
        }
        if (!inText) {
            return new Binary();
        }
        return received > MAX_MESSAGE_BYTES ? new TooLarge() : new Text(text.toString());
    }

    /** Decodes the frame's bytes after those carried over; false on bytes that are not UTF-8. */
    private boolean decode(byte[] bytes, boolean last) {
        ByteBuffer in = ByteBuffer.allocate(carried.length + bytes.length).put(carried).put(bytes).flip();
        // UTF-8 never decodes to more UTF-16 units than it has bytes.
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        CoderResult result = utf8.decode(in, out, last);
        if (result.isError() || last && utf8.flush(out).isError()) {
            return false;
        }
        carried = new byte[in.remaining()];
        in.get(carried);
        if (received <= MAX_MESSAGE_BYTES) {
            text.append(out.flip());
        }
        return true;
    }
}
