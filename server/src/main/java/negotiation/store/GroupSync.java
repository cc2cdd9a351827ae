package negotiation.store;

/**
 * Forces the database file to the disk before a commit is acknowledged, with one force for all
 * the commits that were waiting when it began (group sync). H2 writes each commit into the
 * operating system's cache, which survives a crash of this process but not a power loss; a
 * force ({@code fsync}) makes it survive that too. The first caller that finds no force running
 * runs one for every caller that came before it; callers that come during that force wait for
 * the next, which one of them runs. Blocking: call it from a worker thread.
 */
final class GroupSync {
    /** The force itself, e.g. H2's {@code MVStore.sync()}, which calls {@code FileChannel.force}. */
    interface Force {
        void run() throws Exception;
    }

    private final Force force;
    /** Tickets handed out so far; a ticket is taken after its commit returned. */
    private long requested;
    /** Every ticket up to this one is covered by a completed force. */
    private long synced;
    private boolean forcing;
    private long forces;

    GroupSync(Force force) {
        this.force = force;
    }

    /** Returns once a force that began after this call has completed: what was committed before is on the disk. */
    void awaitDurable() {
        long ticket;
        synchronized (this) {
            ticket = ++requested;
        }
        while (true) {
            long upTo;
            synchronized (this) {
                while (forcing && synced < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the disk", e);
                    }
                }
                if (synced >= ticket) {
                    return;
                }
                forcing = true;
                upTo = requested; // the force that starts now covers every ticket handed out so far
            }
            boolean done = false;
            try {
                force.run();
                done = true;
            } catch (Exception e) {
                throw new IllegalStateException("cannot force the database file to the disk", e);
            } finally {
                synchronized (this) {
                    forcing = false;
                    if (done) {
                        synced = Math.max(synced, upTo);
                        forces++;
                    }
                    notifyAll();
                }
            }
        }
    }

    /** How many forces have completed. */
    synchronized long forces() {
        return forces;
    }
}
