package negotiation.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link LoadBench}'s idle-socket measurement: opens N sockets spread over the
 * rooms listed in a file ("roomId token" per line), says hello on each, prints
 * "connected N" once every hello is acknowledged, then holds them until killed.
 * Usage: {@code IdleClients PORT ROOMS_FILE N}.
 */
public final class IdleClients {
    private IdleClients() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String[]> rooms = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (!line.isBlank()) {
                rooms.add(line.trim().split(" "));
            }
        }
        int n = Integer.parseInt(args[2]);
        Vertx vertx = Vertx.vertx();
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000));
        int connected = 0;
        for (int from = 0; from < n; from += 250) {
            List<Future<Void>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 250); i++) {
                String[] room = rooms.get(i % rooms.size());
                Promise<Void> acked = Promise.promise();
                batch.add(acked.future());
                client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(port)
                                .setURI("/ws/rooms/" + room[0] + "?token=" + room[1]))
                        .onFailure(acked::tryFail)
                        .onSuccess(ws -> {
                            ws.textMessageHandler(text -> {
                                if (text.startsWith("{\"type\":\"ack\"")) {
                                    acked.tryComplete();
                                }
                            });
                            ws.writeTextMessage("{\"id\":\"idle\",\"type\":\"hello\",\"after\":1}");
                        });
            }
            Future.all(batch).await();
            connected += batch.size();
        }
        System.out.println("connected " + connected);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
