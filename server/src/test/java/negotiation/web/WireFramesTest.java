package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RawWebSocket;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire rules below the JSON: idempotency on a canonical form of the command, strict
 * UTF-8 (close 1007) and the two size limits (too_large up to 1 MiB, close 1009 beyond).
 */
@ExtendWith(BlockedThreadWatch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireFramesTest {
    private static final int MIB = 1024 * 1024;
    @TempDir
    static Path data;
    Server server;
    RoomClient client;
    RoomClient.Room room;
    long seqBefore;

    @BeforeAll
    void start() throws Exception {
        server = Server.start(new Server.Settings(0, data, 100));
        client = new RoomClient(server.port());
        room = client.openRoom("pos-system");
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @BeforeEach
    void rememberTheLog() {
        seqBefore = client.lastSeq(room);
    }

    RawWebSocket rawBuyer() throws Exception {
        RawWebSocket socket = RawWebSocket.open(server.port(), "/ws/rooms/" + room.id() + "?token=" + room.token("buyer"), Map.of());
        assertTrue(socket.upgraded(), socket.handshake);
        return socket;
    }

    /** After a refusal: nothing appended, and the server still takes a new socket and a command. */
    void assertNothingAppendedAndServerUp() {
        assertEquals(seqBefore, client.lastSeq(room), "no event appended");
        RoomClient.Socket fresh = client.connect(room, "seller");
        fresh.acked(fresh.send("hello", "after", seqBefore));
        fresh.close();
    }

    @Test
    void theSameCommandWithItsMembersReorderedIsAppliedOnce() {
        RoomClient.Socket buyer = client.connect(room, "buyer");
        buyer.sendRaw("{\"id\":\"k1\",\"type\":\"note\",\"text\":\"t\"}");
        long first = buyer.acked("k1").get("seq").asLong();
        assertEquals(seqBefore + 1, first);
        int mark = buyer.frames.size();
        buyer.sendRaw("{\"type\":\"note\",\"id\":\"k1\",\"text\":\"t\"}");
        JsonNode again = buyer.await(m -> "k1".equals(m.path("id").asText()), mark);
        assertEquals("ack", again.get("type").asText(), again.toString());
        assertEquals(first, again.get("seq").asLong(), "the original ack, not a new append");
        assertEquals(first, client.lastSeq(room), "nothing appended for the re-send");
        // Whitespace and nesting order do not matter either; a different content does.
        mark = buyer.frames.size();
        buyer.sendRaw("{ \"text\" : \"t\" , \"type\" : \"note\" , \"id\" : \"k1\" }");
        assertEquals(first, buyer.await(m -> "k1".equals(m.path("id").asText()), mark).get("seq").asLong());
        mark = buyer.frames.size();
        buyer.sendRaw("{\"type\":\"note\",\"id\":\"k1\",\"text\":\"other\"}");
        JsonNode reused = buyer.await(m -> "k1".equals(m.path("id").asText()), mark);
        assertEquals(first + 1, reused.get("seq").asLong(), "a reused id with other content is a new command");
        buyer.close();
    }

    @Test
    void invalidUtf8InATextFrameFailsTheConnectionWith1007() throws Exception {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes("{\"id\":\"u1\",\"type\":\"note\",\"text\":\"".getBytes(StandardCharsets.US_ASCII));
        frame.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE});
        frame.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        try (RawWebSocket socket = rawBuyer()) {
            socket.sendFrame(RawWebSocket.TEXT, true, frame.toByteArray());
            assertEquals(1007, socket.closeCode());
        }
        assertNothingAppendedAndServerUp();
    }

    @Test
    void invalidUtf8SplitAcrossFragmentsIsFoundToo() throws Exception {
        byte[] text = "{\"id\":\"u2\",\"type\":\"note\",\"text\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        int split = indexOfByte(text, (byte) 0xC3) + 1; // between the two bytes of é
        byte[] head = Arrays.copyOfRange(text, 0, split);
        byte[] tail = Arrays.copyOfRange(text, split, text.length);
        tail[0] = 0x28; // the lead byte C3 followed by '(' is not UTF-8
        try (RawWebSocket socket = rawBuyer()) {
            socket.sendFrame(RawWebSocket.TEXT, false, head);
            socket.sendFrame(RawWebSocket.CONTINUATION, true, tail);
            assertEquals(1007, socket.closeCode());
        }
        assertNothingAppendedAndServerUp();
    }

    @Test
    void aValidMultiByteTextSplitInsideACharacterIsAccepted() throws Exception {
        byte[] text = "{\"id\":\"u3\",\"type\":\"note\",\"text\":\"prix: 5 000 €\"}".getBytes(StandardCharsets.UTF_8);
        int split = indexOfByte(text, (byte) 0xE2) + 1; // inside the three bytes of €
        try (RawWebSocket socket = rawBuyer()) {
            socket.sendFrame(RawWebSocket.TEXT, false, Arrays.copyOfRange(text, 0, split));
            socket.sendFrame(RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(text, split, text.length));
            JsonNode ack = Json.MAPPER.readTree(socket.readText());
            assertEquals("ack", ack.get("type").asText(), ack.toString());
        }
        assertEquals(seqBefore + 1, client.lastSeq(room));
    }

    static int indexOfByte(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void aFrameOver1MiBIsClosedWith1009() throws Exception {
        try (RawWebSocket socket = rawBuyer()) {
            socket.sendFrame(RawWebSocket.TEXT, true, note("big1", MIB + 1));
            assertEquals(1009, socket.closeCode());
        }
        assertNothingAppendedAndServerUp();
    }

    @Test
    void aFragmentedMessageOver1MiBIsClosedWith1009() throws Exception {
        byte[] message = note("big2", MIB + 1);
        int half = message.length / 2;
        try (RawWebSocket socket = rawBuyer()) {
            socket.sendFrame(RawWebSocket.TEXT, false, Arrays.copyOfRange(message, 0, half));
            socket.sendFrame(RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(message, half, message.length));
            assertEquals(1009, socket.closeCode());
        }
        assertNothingAppendedAndServerUp();
    }

    @Test
    void aMessageOver64KiBButWithin1MiBIsRefusedAndTheSocketStays() throws Exception {
        byte[] message = note("mid", 512 * 1024);
        int half = message.length / 2;
        try (RawWebSocket socket = rawBuyer()) {
            socket.sendFrame(RawWebSocket.TEXT, false, Arrays.copyOfRange(message, 0, half));
            socket.sendFrame(RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(message, half, message.length));
            JsonNode error = Json.MAPPER.readTree(socket.readText());
            assertEquals("too_large", error.get("code").asText(), error.toString());
            socket.sendText("{\"id\":\"after-mid\",\"type\":\"hello\",\"after\":" + seqBefore + "}");
            JsonNode ack = Json.MAPPER.readTree(socket.readText());
            assertEquals("ack", ack.get("type").asText(), "the socket stays usable: " + ack);
        }
        assertNothingAppendedAndServerUp();
    }

    @Test
    void aFrameBreakingTheFramingRulesClosesWith1002() throws Exception {
        try (RawWebSocket socket = rawBuyer()) {
            socket.sendFrame(RawWebSocket.CONTINUATION, true, "{}".getBytes(StandardCharsets.US_ASCII));
            assertEquals(1002, socket.closeCode(), "a continuation with no message to continue");
        }
        assertNothingAppendedAndServerUp();
    }

    /** A note frame of exactly {@code bytes} bytes. */
    static byte[] note(String id, int bytes) {
        String head = "{\"id\":\"" + id + "\",\"type\":\"note\",\"text\":\"";
        String tail = "\"}";
        return (head + "x".repeat(bytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.US_ASCII);
    }
}
