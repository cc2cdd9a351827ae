package negotiation.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A room server in a child JVM; its port comes from the URL it prints on stdout; output goes to a log file. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:/]+:(\\d+)/");
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** {@code java -jar JAR --port 0 --data DIR}. */
    public static ServerProcess jar(Path jar, Path data, Path log, String... serverArgs) throws Exception {
        return jar(jar, List.of(), data, log, serverArgs);
    }

    /** {@code java JVM-OPTIONS -jar JAR --port 0 --data DIR}. */
    public static ServerProcess jar(Path jar, List<String> jvmOptions, Path data, Path log, String... serverArgs)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("-Xmx512m"));
        args.addAll(jvmOptions);
        args.addAll(List.of("-jar", jar.toString()));
        args.addAll(List.of(serverArgs));
        return start(args, data, log);
    }

    /** negotiation.Main from this JVM's class path (the test class path), with these JVM options. */
    public static ServerProcess classPath(List<String> jvmOptions, Path data, Path log) throws Exception {
        List<String> args = new ArrayList<>(jvmOptions);
        args.addAll(List.of("-cp", System.getProperty("java.class.path"), "negotiation.Main"));
        return start(args, data, log);
    }

    /** {@code jvmAndArgs}: JVM options, then what to run and its own flags; --port 0 --data DIR follow. */
    private static ServerProcess start(List<String> jvmAndArgs, Path data, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Ddisable-axoniq-console-message=true");
        command.addAll(jvmAndArgs);
        command.addAll(List.of("--port", "0", "--data", data.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var file = Files.newBufferedWriter(log)) {
                String line;
                while ((line = out.readLine()) != null) {
                    file.write(line);
                    file.newLine();
                    file.flush();
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process died
            }
            port.completeExceptionally(new AssertionError("the server ended before printing its URL"));
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(process, port.get(60, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the server did not start: " + output(log), e);
        }
    }

    public int port() {
        return port;
    }

    /** What the server printed so far. */
    public String output() {
        return output(log);
    }

    private static String output(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** SIGKILL (Process.destroyForcibly on Linux), then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server process did not die");
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** The warning and error lines of the server's log so far (the last 40), for a failure's message. */
    public String warnings() {
        try (var lines = java.nio.file.Files.lines(log)) {
            List<String> found = lines.filter(line -> line.contains("WARNING") || line.contains("SEVERE")
                    || line.contains("Exception")).toList();
            return String.join("\n", found.subList(Math.max(0, found.size() - 40), found.size()));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "(the server's log cannot be read: " + e + ")";
        }
    }
}
