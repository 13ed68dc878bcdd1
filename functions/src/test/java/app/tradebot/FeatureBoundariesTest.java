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

    /**
     * The bots' layering: bots drive the order path, which drives the exchange; the order path knows no
     * account (accounts asks it through an interface of its own, the application's wiring joins them).
     */
    @Test
    void botsSitAboveTheOrderPathWhichKnowsNoAccountOrBot() {
        noClasses().that().resideInAPackage("app.tradebot.bots..")
                .should().dependOnClassesThat().resideInAnyPackage("app.tradebot.backtest..", "app.tradebot.auth..",
                        "app.tradebot.exchange.binance..")
                .check(functions);
        noClasses().that().resideInAPackage("app.tradebot.orders..")
                .should().dependOnClassesThat().resideInAnyPackage("app.tradebot.bots..", "app.tradebot.accounts..",
                        "app.tradebot.backtest..", "app.tradebot.strategy..", "app.tradebot.market..")
                .check(functions);
        noClasses().that().resideInAnyPackage("app.tradebot.exchange..", "app.tradebot.strategy..", "app.tradebot.market..",
                        "app.tradebot.accounts..", "app.tradebot.backtest..")
                .should().dependOnClassesThat().resideInAnyPackage("app.tradebot.bots..")
                .check(functions);
    }

    /**
     * Bots and the order path tell their user through notify (bots, orders → notify) and start within the
     * quotas (bots → quotas); notify and quotas, which every feature may call, know neither.
     */
    @Test
    void notificationsAndQuotasKnowNoBotsNorOrders() {
        noClasses().that().resideInAnyPackage("app.tradebot.notify..", "app.tradebot.quotas..")
                .should().dependOnClassesThat().resideInAnyPackage("app.tradebot.bots..", "app.tradebot.orders..",
                        "app.tradebot.accounts..")
                .check(functions);
        noClasses().that().resideInAPackage("app.tradebot.orders..")
                .should().dependOnClassesThat().resideInAPackage("app.tradebot.quotas..")
                .check(functions);
    }

    /** Every kind of background job runs on platform.jobs; no feature keeps a copy of the pattern. */
    @Test
    void jobsAreOneMechanism() {
        noClasses().that().resideInAnyPackage("app.tradebot.backtest..", "app.tradebot.bots..")
                .should().haveSimpleName("JobDao").orShould().haveSimpleName("JobRow").orShould().haveSimpleName("JobTask")
                .check(functions);
    }

    @Test
    void functionsDependOnNoLocalRuntime() {
        noClasses().that().resideInAPackage("app.tradebot..")
                .should().dependOnClassesThat().resideInAnyPackage("app.tradebot.gateway..", "app.tradebot.scheduler..")
                .check(functions);
    }
}
