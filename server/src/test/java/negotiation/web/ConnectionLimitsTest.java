package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real sockets against a real server: one address holding many half-sent requests is capped
 * while another is served, and a request head dribbled a line at a time is cut off by the head
 * timeout (the read-idle timeout alone restarts with every line).
 */
@ExtendWith(BlockedThreadWatch.class)
class ConnectionLimitsTest {
    /** Linux routes all of 127/8 to the loopback: a second client address on this machine. */
    private static final String OTHER_ADDRESS = "127.0.0.2";
    private static final String HALF_SENT = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Waiting: ";

    @TempDir
    Path data;

    @Test
    void halfSentRequestsFromOneAddressAreCappedWhileOtherAddressesAreServed() throws Exception {
        Limits limits = new Limits(50, 200, 90, 30, List.of(), 20, 60);
        try (Server server = Server.start(new Server.Settings(0, data, 100, limits))) {
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    socket.getOutputStream().write(HALF_SENT.getBytes(StandardCharsets.US_ASCII));
                    flood.add(socket);
                }
                assertEquals(40, closedByServer(flood, 40), "every connection over the cap of 20 is closed at once");
                assertEquals(20, flood.stream().filter(socket -> !socket.isClosed()).count());
                assertEquals("HTTP/1.1 200", statusLine(server.port(), OTHER_ADDRESS, "GET /health"),
                        "another address is served while the 20 are held");
                assertEquals("HTTP/1.1 201", statusLine(server.port(), OTHER_ADDRESS, "POST /api/rooms"),
                        "and may open a room");
                try (Socket more = new Socket("127.0.0.1", server.port())) {
                    more.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    more.setSoTimeout(10_000);
                    assertEquals(-1, more.getInputStream().read(), "the full address gets no answer");
                }
            } finally {
                for (Socket socket : flood) {
                    socket.close();
                }
            }
            try (RoomClient client = new RoomClient(server.port())) {
                // The server counts the closes as they reach it: the address is free again soon after.
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (healthFromLoopback(server.port()) != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(200, client.get("/health", null).status(), "closed connections no longer count");
            }
        }
    }

    @Test
    void aHeadDribbledALineAtATimeIsClosedByTheHeadTimeout() throws Exception {
        Limits limits = new Limits(50, 200, 90, 30, List.of(), 100, 1);
        try (Server server = Server.start(new Server.Settings(0, data, 100, limits));
             RoomClient client = new RoomClient(server.port())) {
            try (Socket dribbling = new Socket("127.0.0.1", server.port())) {
                dribbling.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(dribbleUntilClosed(dribbling, 15_000), "a head dribbled for 15 s must be cut off long before");
            }
            try (Socket keptAlive = new Socket("127.0.0.1", server.port())) {
                keptAlive.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                keptAlive.setSoTimeout(10_000);
                assertTrue(readHead(keptAlive.getInputStream()).startsWith("HTTP/1.1 200"));
                keptAlive.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(dribbleUntilClosed(keptAlive, 15_000), "the next request on a kept-alive connection too");
            }
            try (Socket silent = new Socket("127.0.0.1", server.port())) {
                silent.setSoTimeout(15_000);
                assertEquals(-1, silent.getInputStream().read(), "a connection that sends nothing is closed");
            }
            RoomClient.Room room = client.openRoom("orange");
            RoomClient.Socket anna = client.connect(room, "anna");
            Thread.sleep(2_500);
            anna.acked(anna.send("hello", "after", 0));
            assertTrue(!anna.isClosed(), "a WebSocket is no request head: it outlives the head timeout");
        }
    }

    @Test
    void aClosedWebSocketGivesItsAddressItsPlaceBack() throws Exception {
        Limits limits = new Limits(50, 200, 90, 30, List.of(), 6, 10);
        try (Server server = Server.start(new Server.Settings(0, data, 100, limits));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("orange");
            for (int round = 0; round < 3; round++) {
                List<RoomClient.Socket> sockets = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    RoomClient.Socket socket = connectWhenFree(client, room);
                    socket.acked(socket.send("hello", "after", 0));
                    sockets.add(socket);
                }
                for (RoomClient.Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    /** Opens a socket, retrying for a while: a close reaches the server a moment after the client's. */
    private static RoomClient.Socket connectWhenFree(RoomClient client, RoomClient.Room room) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return client.connect(room, "anna");
            } catch (RuntimeException | AssertionError refused) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the address stays full after its sockets closed", refused);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Sends a header line every 200 ms until the server closes the connection or the time is up; true if it closed. */
    private static boolean dribbleUntilClosed(Socket socket, long millis) throws IOException {
        socket.setSoTimeout(200);
        long deadline = System.nanoTime() + millis * 1_000_000;
        int line = 0;
        while (System.nanoTime() < deadline) {
            try {
                if (socket.getInputStream().read() == -1) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // the server still waits for the rest of the head
            } catch (IOException reset) {
                return true;
            }
            try {
                socket.getOutputStream().write(("X-Line-" + line++ + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    /** Waits until this many of the sockets read end-of-stream (the server closed them), for up to 10 s; returns how many did. */
    private static int closedByServer(List<Socket> sockets, int expected) throws IOException {
        List<Socket> open = new ArrayList<>(sockets);
        int closed = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (closed < expected && System.nanoTime() < deadline) {
            for (Socket socket : List.copyOf(open)) {
                socket.setSoTimeout(20);
                try {
                    if (socket.getInputStream().read() == -1) {
                        socket.close();
                        open.remove(socket);
                        closed++;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // held: one of the first 20
                } catch (IOException reset) {
                    socket.close();
                    open.remove(socket);
                    closed++;
                }
            }
        }
        return closed;
    }

    private static int healthFromLoopback(int port) {
        try {
            return Integer.parseInt(statusLine(port, "127.0.0.1", "GET /health").substring(9, 12));
        } catch (IOException | RuntimeException refused) {
            return -1;
        }
    }

    /** The status line of a request sent from this local address. */
    private static String statusLine(int port, String from, String requestLine) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(20_000);
            String body = requestLine.startsWith("POST") ? Scenarios.text("orange") : "";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String request = requestLine + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            String head = readHead(socket.getInputStream());
            return head.isEmpty() ? "" : head.substring(0, 12);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c == -1) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
