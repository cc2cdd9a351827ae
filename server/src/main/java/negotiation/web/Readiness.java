package negotiation.web;

/** Whether the server can serve commands now; answered at {@code GET /health/ready}. */
@FunctionalInterface
public interface Readiness {
    /** Why the server cannot serve commands now (e.g. its store cannot write), or null when it can. Cheap: read on the event loop. */
    String notReadyReason();
}
