package negotiation.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's architecture as rules over the compiled classes: dependencies point one way,
 * web -> room -> engine; the engine is plain Java; the events module is the contract and imports
 * nothing of ours; the aggregate never sees a socket and the web layer never sees JDBC.
 */
class LayeringTest {
    private static final String[] CONTRACT = {"negotiation.events..", "negotiation.commands..", "negotiation.wire.."};
    private static JavaClasses ours;

    @BeforeAll
    static void importClasses() {
        ours = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("negotiation");
    }

    @Test
    void theEngineIsPlainJavaAndImportsNothingOfOurs() {
        classes().that().resideInAPackage("negotiation.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("negotiation.engine..", "java..")
                .check(ours);
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
