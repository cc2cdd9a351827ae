package negotiation.webclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain TCP relay in front of the real server, so a browser test can take the network
 * away (every open connection dropped, new ones refused) and give it back, while the
 * server itself keeps running: a person's Wi-Fi going and coming back.
 */
final class CuttableProxy implements AutoCloseable {
    private final int target;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listening;

    CuttableProxy(int target) throws IOException {
        this.target = target;
        ServerSocket first = new ServerSocket();
        first.setReuseAddress(true);
        first.bind(new InetSocketAddress("localhost", 0));
        port = first.getLocalPort();
        listen(first);
    }

    int port() {
        return port;
    }

    /** Drops every connection and refuses new ones until {@link #resume()}. */
    synchronized void cut() throws IOException {
        listening.close();
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    synchronized void resume() throws IOException {
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress("localhost", port));
        listen(again);
    }

    private void listen(ServerSocket server) {
        listening = server;
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket("localhost", target);
                    open.add(client);
                    open.add(upstream);
                    relay(client, upstream);
                    relay(upstream, client);
                } catch (IOException e) {
                    return; // closed by cut() or close()
                }
            }
        }, "proxy-accept-" + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    private static void relay(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side went away: the other follows below
            } finally {
                try {
                    to.close();
                    from.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "proxy-relay");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
