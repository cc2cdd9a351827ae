package negotiation.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A WebSocket client built by hand on a plain socket, for what a library client will not
 * do: send a text frame whose bytes are not UTF-8, send one frame of any size, and tell a
 * close frame (with its code) from a bare TCP close. Every text frame it reads is checked
 * against the protocol's documents ({@link Contract}).
 */
public final class RawWebSocket implements AutoCloseable {
    /** What {@link #closeCode()} answers when the server hung up without a close frame (as browsers report it). */
    public static final int NO_CLOSE_FRAME = 1006;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The status line and headers of the handshake's answer. */
    public final String handshake;

    private RawWebSocket(Socket socket, String handshake) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshake = handshake;
    }

    /** Sends the upgrade request with these extra headers; the answer may be a refusal (see {@link #handshake}). */
    public static RawWebSocket open(int port, String path, Map<String, String> headers) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(20_000);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = socket.getInputStream().read();
            if (c == -1) {
                break;
            }
            head.append((char) c);
        }
        return new RawWebSocket(socket, head.toString());
    }

    public boolean upgraded() {
        return handshake.startsWith("HTTP/1.1 101");
    }

    /** Sends one frame, masked as a client must, with this opcode and payload. */
    public void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift) & 0xff);
            }
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException closedWhileSending) {
            // the server may close while a large frame is still going out; closeCode() tells how
        }
    }

    public void sendText(String text) throws IOException {
        sendFrame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One frame from the server: its opcode and payload; null at the end of the stream. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame (1005 when it carries none). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    /** The next data or close frame (pings are skipped), or null when the server hung up. */
    public Frame read() throws IOException {
        while (true) {
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no frame from the server within 20 s", e);
            } catch (IOException reset) {
                return null;
            }
            if (first == -1) {
                return null;
            }
            try {
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == TEXT) {
                    Contract.checkFrame(new String(payload, StandardCharsets.UTF_8));
                }
                if (opcode != PING && opcode != 0xA) {
                    return new Frame(opcode, payload);
                }
            } catch (EOFException e) {
                return null;
            }
        }
    }

    /** The next text frame's text, skipping nothing but pings; fails on a close or hang-up. */
    public String readText() throws IOException {
        Frame frame = read();
        if (frame == null || frame.opcode() != TEXT) {
            throw new AssertionError("expected a text frame, got " + (frame == null ? "a hang-up" : "opcode " + frame.opcode()
                    + (frame.opcode() == CLOSE ? " code " + frame.closeCode() : "")));
        }
        return frame.text();
    }

    /**
     * Reads until the server closes: the code of its close frame, or {@link #NO_CLOSE_FRAME} when
     * the connection ended without one. Text frames before it are skipped.
     */
    public int closeCode() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame == null) {
                return NO_CLOSE_FRAME;
            }
            if (frame.opcode() == CLOSE) {
                return frame.closeCode();
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
