package app.tradebot;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package by feature, enforced: the platform serves every feature and knows none, features don't
 * form cycles, and nothing in the functions reaches into a local runtime (in AWS there is none).
 */
class FeatureBoundariesTest {

    private final JavaClasses functions = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.tradebot");

    @Test
    void thePlatformKnowsNoFeature() {
        noClasses().that().resideInAPackage("app.tradebot.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("app.tradebot.auth..", "app.tradebot.audit..",
                        "app.tradebot.accounts..", "app.tradebot.market..", "app.tradebot.strategy..",
                        "app.tradebot.backtest..", "app.tradebot.bots..", "app.tradebot.orders..",
                        "app.tradebot.portfolio..", "app.tradebot.notify..", "app.tradebot.quotas..")
                .check(functions);
    }

    @Test
    void featuresFormNoCycles() {
        slices().matching("app.tradebot.(*)..").should().beFreeOfCycles().check(functions);
    }

    @Test
    void functionsDependOnNoLocalRuntime() {
        noClasses().that().resideInAPackage("app.tradebot..")
                .should().dependOnClassesThat().resideInAnyPackage("app.tradebot.gateway..", "app.tradebot.scheduler..")
                .check(functions);
    }
}
