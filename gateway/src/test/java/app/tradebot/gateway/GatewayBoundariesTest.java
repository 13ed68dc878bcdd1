package app.tradebot.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The gateway knows functions only by name: of TradeBot's own code it may use the runtime and the HTTP contract. */
class GatewayBoundariesTest {

    private final JavaClasses gateway = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.tradebot.gateway");

    @Test
    void theGatewayImportsNoFeature() {
        noClasses().that().resideInAPackage("app.tradebot.gateway..")
                .and().resideOutsideOfPackage("app.tradebot.gateway.local..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are TradeBot classes outside the gateway, the runtime and platform.http",
                        c -> c.getPackageName().startsWith("app.tradebot.")
                                && !c.getPackageName().startsWith("app.tradebot.gateway")
                                && !c.getPackageName().startsWith("app.tradebot.runtime")
                                && !c.getPackageName().equals("app.tradebot.platform.http")))
                .check(gateway);
    }
}
