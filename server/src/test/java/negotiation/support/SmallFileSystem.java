package negotiation.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system (tmpfs of a few MB) mounted for a test, so the store meets a real
 * "No space left on device" from the kernel. Mounting needs root (as in CI); where it is not
 * allowed the test is skipped, saying so. {@link #fill} takes every free byte with a ballast
 * file, {@link #fillLeaving} all but some; {@link #free} deletes it; {@link #resize} enlarges the file system in place.
 */
public final class SmallFileSystem implements AutoCloseable {
    private final Path mountPoint;
    private final Path ballast;

    private SmallFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.ballast = mountPoint.resolve("ballast");
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint} (an empty directory). */
    public static SmallFileSystem mount(Path mountPoint, int megabytes) throws Exception {
        Files.createDirectories(mountPoint);
        Result mounted = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        assumeTrue(mounted.code() == 0, "a small tmpfs cannot be mounted here (needs root): " + mounted.output());
        return new SmallFileSystem(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a ballast file until the kernel answers "No space left on device"; returns its size. */
    public long fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw full;
            }
        }
        // The last partial block may fit byte by byte: take those too.
        try (OutputStream out = Files.newOutputStream(ballast, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < block.length; i++) {
                out.write(0);
                out.flush();
                written++;
            }
        } catch (IOException full) {
            // full to the byte
        }
        return written;
    }

    /** Writes a ballast file that leaves about {@code bytes} free (to a page); returns its size. */
    public long fillLeaving(long bytes) throws IOException {
        long ballastBytes = Files.getFileStore(mountPoint).getUsableSpace() - bytes;
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (written < ballastBytes) {
                int length = (int) Math.min(block.length, ballastBytes - written);
                out.write(block, 0, length);
                written += length;
            }
        }
        return written;
    }

    /** Deletes the ballast: the space is free again. */
    public void free() throws IOException {
        Files.deleteIfExists(ballast);
    }

    /** Enlarges (or shrinks) the file system in place; its files stay. */
    public void resize(int megabytes) throws Exception {
        Result resized = run("mount", "-o", "remount,size=" + megabytes + "m", mountPoint.toString());
        if (resized.code() != 0) {
            throw new IllegalStateException("cannot resize " + mountPoint + ": " + resized.output());
        }
    }

    @Override
    public void close() throws Exception {
        Result unmounted = run("umount", mountPoint.toString());
        if (unmounted.code() != 0) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + output);
        }
        return new Result(process.exitValue(), output.trim());
    }
}
