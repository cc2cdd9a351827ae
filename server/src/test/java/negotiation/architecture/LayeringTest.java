package negotiation.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import negotiation.events.RoomEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture (docs/architecture.md) as rules over the compiled classes: dependencies point
 * one way, web -> mediation -> read model and renderings -> room -> engine, the store beside them; the engine is plain Java; the events module is the contract and imports
 * nothing of ours; the aggregate never sees a socket and the web layer never sees JDBC.
 */
class LayeringTest {
    private static final String[] CONTRACT = {"negotiation.events..", "negotiation.commands..", "negotiation.wire.."};
    private static JavaClasses ours;
    /** The events module's classes alone, imported from where the module's jar (or classes) is. */
    private static JavaClasses eventsModule;

    @BeforeAll
    static void importClasses() throws IOException, URISyntaxException {
        ours = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("negotiation");
        Path module = Path.of(RoomEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (module.toString().endsWith(".jar")) {
            try (JarFile jar = new JarFile(module.toFile())) {
                eventsModule = new ClassFileImporter().importJar(jar);
            }
        } else {
            eventsModule = new ClassFileImporter().importPath(module);
        }
        assertTrue(eventsModule.contain(RoomEvent.class) && eventsModule.size() > 10,
                "the events module's classes were imported from " + module);
    }

    /**
     * Dependencies between the layers point down only: web uses the mediator's tools (replay,
     * analysis, exports), the read model (what a role sees), the renderings (documents made of a
     * view) and the room (commands and their rejections); the mediator's tools read the read model;
     * the read model folds the room's events with the room's rules; the room uses the engine, and
     * so do the read model and the analysis for what a package is worth to a party. The history
     * (public forms, the hash chain and its stored links) reads only the contract: the room writes
     * it, the read model and the mediator's tools check it. The store is
     * infrastructure: it keeps the room's events and serves the read model, and only the server's
     * wiring (the root package, no layer) reaches it. Never the reverse: the room knows nothing of
     * who reads its history, how it is shown or where it is stored.
     */
    @Test
    void webUsesMediationAndReadModelWhichUseTheRoomWhichUsesTheEngine() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("web").definedBy("negotiation.web..")
                .layer("store").definedBy("negotiation.store..")
                .layer("mediation").definedBy("negotiation.mediation..")
                .layer("readmodel").definedBy("negotiation.readmodel..")
                .layer("rendering").definedBy("negotiation.rendering..")
                .layer("room").definedBy("negotiation.room..")
                .layer("engine").definedBy("negotiation.engine..")
                .layer("history").definedBy("negotiation.history..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("store").mayNotBeAccessedByAnyLayer()
                .whereLayer("mediation").mayOnlyBeAccessedByLayers("web")
                .whereLayer("readmodel").mayOnlyBeAccessedByLayers("web", "mediation", "store")
                .whereLayer("rendering").mayOnlyBeAccessedByLayers("web")
                .whereLayer("room").mayOnlyBeAccessedByLayers("web", "mediation", "readmodel", "store")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("room", "readmodel", "mediation")
                .whereLayer("history").mayOnlyBeAccessedByLayers("room", "readmodel", "mediation", "store")
                .check(ours);
    }

    /** A rendering turns a view (the contract's types, read with our Json) into a document and reads nothing else of ours. */
    @Test
    void renderingsReadOnlyTheContract() {
        classes().that().resideInAPackage("negotiation.rendering..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "negotiation.rendering..", "negotiation.events..", "negotiation.wire..", "negotiation",
                        "java..", "com.fasterxml.jackson..")
                .check(ours);
    }

    /** No framework (Vert.x, Axon, Jackson, ...) and nothing of ours outside the engine: only the JDK. */
    @Test
    void theEngineIsPlainJavaAndImportsNothingOfOurs() {
        classes().that().resideInAPackage("negotiation.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("negotiation.engine..", "java..")
                .check(ours);
    }

    /**
     * The events module as built, whatever its packages: every class of it is in the contract's
     * packages and uses nothing but the contract, the JDK and Jackson's annotations, so nothing
     * of the server and no framework can slip into it.
     */
    @Test
    void theEventsModuleHoldsOnlyTheContractAndImportsNothingElseOfOurs() {
        classes().should().resideInAnyPackage(CONTRACT)
                .andShould().onlyDependOnClassesThat().resideInAnyPackage(
                        "negotiation.events..", "negotiation.commands..", "negotiation.wire..",
                        "java..", "com.fasterxml.jackson.annotation..")
                .check(eventsModule);
    }

    @Test
    void theContractImportsNothingOfOurs() {
        classes().that().resideInAnyPackage(CONTRACT)
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "negotiation.events..", "negotiation.commands..", "negotiation.wire..",
                        "java..", "com.fasterxml.jackson.annotation..")
                .check(ours);
    }

    @Test
    void theRoomSeesNoSocketNoStoreAndNoAdapter() {
        noClasses().that().resideInAPackage("negotiation.room..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "negotiation.web..", "negotiation.store..", "negotiation.mediation..",
                        "negotiation.readmodel..", "negotiation.rendering..",
                        "io.vertx..", "java.sql..", "org.h2..")
                .check(ours);
    }

    @Test
    void theWebLayerSeesNoDatabase() {
        noClasses().that().resideInAPackage("negotiation.web..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "negotiation.store..", "java.sql..", "org.h2..", "org.postgresql..", "com.zaxxer..",
                        "org.axonframework..")
                .check(ours);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("negotiation.(*)..").should().beFreeOfCycles().check(ours);
    }
}
