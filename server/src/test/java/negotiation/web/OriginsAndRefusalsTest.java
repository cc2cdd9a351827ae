package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page's origin is the exact scheme://host:port (docs/security.md): sockets and
 * state-changing requests from any other are refused, and every refusal, a WebSocket
 * handshake's or Netty's own 414 and 431, carries the security headers.
 */
@ExtendWith(BlockedThreadWatch.class)
class OriginsAndRefusalsTest {
    @TempDir
    Path data;

    @Test
    void socketHandshakeRefusalsAndNettysOwnAnswersCarryTheSecurityHeaders() throws Exception {
        try (Server server = Server.start(new Server.Settings(0, data, 100));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("orange");
            String roomPath = "/ws/rooms/" + room.id();
            Map<String, String> refusals = new java.util.LinkedHashMap<>();
            refusals.put("HTTP/1.1 404", upgrade(server.port(), "/ws/nothing", ""));
            refusals.put("HTTP/1.1 403", upgrade(server.port(), roomPath + "?token=" + room.token("anna"),
                    "Origin: https://evil.example\r\n"));
            refusals.put("HTTP/1.1 401", upgrade(server.port(), roomPath + "?token=not-a-token", ""));
            refusals.put("HTTP/1.1 400", upgrade(server.port(), roomPath,
                    "Sec-WebSocket-Protocol: token." + room.token("anna") + "\r\n"));
            refusals.put("HTTP/1.1 414", exchange(server.port(), "GET /health?" + "x".repeat(5_000)
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            refusals.put("HTTP/1.1 431", exchange(server.port(), "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "x".repeat(9_000) + "\r\n\r\n"));
            for (Map.Entry<String, String> refusal : refusals.entrySet()) {
                String head = refusal.getValue();
                assertEquals(refusal.getKey().substring(9), head.length() < 12 ? head : head.substring(9, 12),
                        refusal.getKey() + " expected: " + head);
                String lower = head.toLowerCase(Locale.ROOT);
                for (String header : List.of("content-security-policy: default-src 'self'", "x-frame-options: deny",
                        "x-content-type-options: nosniff", "referrer-policy: no-referrer")) {
                    assertTrue(lower.contains(header), refusal.getKey() + " lacks " + header + ": " + head);
                }
                assertFalse(head.contains(room.token("anna")), "a refusal never echoes the token");
            }
        }
    }

    @Test
    void aSocketsOriginMustMatchSchemeHostAndPortExactly() throws Exception {
        Limits limits = new Limits(50, 200, 90, 30, List.of("https://rooms.example.org"));
        try (Server server = Server.start(new Server.Settings(0, data, 100, limits));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("orange");
            String path = "/ws/rooms/" + room.id() + "?token=" + room.token("anna");
            String self = "localhost:" + server.port();
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("Origin: http://" + self + "\r\n", "HTTP/1.1 101");
            expected.put("Origin: https://rooms.example.org\r\n", "HTTP/1.1 101");
            expected.put("Origin: https://" + self + "\r\nX-Forwarded-Proto: https\r\n", "HTTP/1.1 101");
            expected.put("", "HTTP/1.1 101");
            expected.put("Origin: https://" + self + "\r\n", "HTTP/1.1 403");
            expected.put("Origin: " + self + "\r\n", "HTTP/1.1 403");
            expected.put("Origin: null\r\n", "HTTP/1.1 403");
            expected.put("Origin: http://rooms.example.org\r\n", "HTTP/1.1 403");
            expected.put("Origin: http://" + self + "\r\nX-Forwarded-Proto: https\r\n", "HTTP/1.1 403");
            for (Map.Entry<String, String> origin : expected.entrySet()) {
                String head = upgrade(server.port(), path, origin.getKey());
                assertTrue(head.startsWith(origin.getValue()), origin.getKey() + " expected " + origin.getValue() + ": " + head);
            }
        }
    }

    @Test
    void aCrossOriginPostCreatesNoRoomWhileToolsAndTheOwnPageMay() throws Exception {
        try (Server server = Server.start(new Server.Settings(0, data, 100));
             RoomClient client = new RoomClient(server.port())) {
            String agenda = Scenarios.text("orange");
            String foreign = post(server.port(), agenda, "text/plain", "https://evil.example");
            assertTrue(foreign.startsWith("HTTP/1.1 403"), foreign);
            assertFalse(foreign.contains("roomId"), foreign);
            String wrongScheme = post(server.port(), agenda, "text/plain", "https://localhost:" + server.port());
            assertTrue(wrongScheme.startsWith("HTTP/1.1 403"), wrongScheme);
            assertTrue(post(server.port(), agenda, "application/json", "http://localhost:" + server.port())
                    .startsWith("HTTP/1.1 201"), "the server's own page");
            assertTrue(post(server.port(), agenda, "application/x-www-form-urlencoded", null).startsWith("HTTP/1.1 201"),
                    "curl -d sends no Origin");
        }
    }

    private static String post(int port, String body, String contentType, String origin) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange(port, "POST /api/rooms HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: " + contentType
                + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n") + "Content-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + body);
    }

    /** A WebSocket upgrade request with these extra header lines; the answer's status line and headers. */
    private static String upgrade(int port, String path, String extraHeaders) throws IOException {
        return exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n");
    }

    /** Sends the request as it is and returns the answer's head and, if any, body (read until the head's end or close). */
    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c == -1) {
                    return head.toString();
                }
                head.append((char) c);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}
