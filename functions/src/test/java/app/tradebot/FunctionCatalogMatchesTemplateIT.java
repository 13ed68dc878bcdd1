package app.tradebot;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import app.tradebot.platform.http.ApiFunction;
import app.tradebot.runtime.Template;
import app.tradebot.runtime.Template.FunctionSpec;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof of emulation (c): every function in template.yaml is a bean in the FunctionCatalog with
 * the shape its trigger needs, and every function bean in the catalog is in template.yaml.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class FunctionCatalogMatchesTemplateIT {

    static {
        TestServices.install();
    }

    @Autowired
    FunctionCatalog catalog;

    @Autowired
    GenericApplicationContext context;

    @Autowired
    Template template;

    @Test
    void everyTemplateFunctionIsInTheCatalogWithItsTriggersShape() {
        List<String> problems = new ArrayList<>();
        for (FunctionSpec function : template.functions()) {
            String name = function.name();
            if (catalog.lookup(name) == null || !context.containsBean(name)) {
                problems.add(name + ": in template.yaml, not in the FunctionCatalog");
                continue;
            }
            Object bean = context.getBean(name);
            Type type = FunctionTypeUtils.discoverFunctionType(bean, name, context);
            if (!function.routes().isEmpty() && !(bean instanceof ApiFunction)) {
                problems.add(name + ": has an HttpApi route but is no ApiFunction (" + type + ")");
            }
            if (template.authorizerFunction().filter(name::equals).isPresent()
                    && !(bean instanceof Function<?, ?> && input(type) == APIGatewayV2HTTPEvent.class)) {
                problems.add(name + ": is the HttpApi authorizer but no Function<APIGatewayV2HTTPEvent, ?> (" + type + ")");
            }
            if ((!function.queues().isEmpty() || !function.schedules().isEmpty()) && !isMessageConsumer(bean, type)) {
                problems.add(name + ": has an MQ event or a schedule but is no Consumer<Message<byte[]>> (nor a batch"
                        + " consumer's Consumer<Message<Object>>) (" + type + ")");
            }
            if (function.routes().isEmpty() && function.queues().isEmpty() && function.schedules().isEmpty()
                    && template.authorizerFunction().filter(name::equals).isEmpty() && !template.isDeploymentStep(name)) {
                problems.add(name + ": nothing in template.yaml triggers it");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyFunctionBeanInTheCatalogIsInTheTemplate() {
        Set<String> inTemplate = new TreeSet<>();
        template.functions().forEach(f -> inTemplate.add(f.name()));
        Set<String> strays = new TreeSet<>();
        for (String name : catalog.getNames(null)) {
            if (!isInfrastructure(name) && !inTemplate.contains(name)) {
                strays.add(name);
            }
        }
        assertThat(strays).as("function beans missing from template.yaml").isEmpty();
    }

    /** Spring Cloud's own functions (functionRouter, ...): not TradeBot's, so not in the template. */
    private boolean isInfrastructure(String name) {
        if (!context.containsBean(name)) {
            return true;
        }
        Class<?> type = context.getType(name);
        return type == null || type.getName().startsWith("org.springframework.");
    }

    private static boolean isMessageConsumer(Object bean, Type type) {
        if (!(bean instanceof Consumer<?>) || !FunctionTypeUtils.isMessage(FunctionTypeUtils.getInputType(type))) {
            return false;
        }
        Type payload = FunctionTypeUtils.getImmediateGenericType(FunctionTypeUtils.getInputType(type), 0);
        // byte[]: one message per call; Object: a batch consumer (QueueConsumers.ofBatches), handed the worker's
        // list of bodies or a Lambda event's bytes.
        return payload == byte[].class || payload == Object.class;
    }

    private static Class<?> input(Type type) {
        return FunctionTypeUtils.getRawType(FunctionTypeUtils.getInputType(type));
    }

    @Test
    void theShapeChecksCanFail() {
        // The audit functions are consumers (purgeAuditEvents of one message, recordAuditEvent of batches), health is
        // an ApiFunction: the checks above tell them apart.
        Object health = context.getBean("health");
        Type healthType = FunctionTypeUtils.discoverFunctionType(health, "health", context);
        assertThat(isMessageConsumer(health, healthType)).isFalse();
        Object purge = context.getBean("purgeAuditEvents");
        assertThat(isMessageConsumer(purge, FunctionTypeUtils.discoverFunctionType(purge, "purgeAuditEvents", context)))
                .isTrue();
        Object record = context.getBean("recordAuditEvent");
        assertThat(isMessageConsumer(record, FunctionTypeUtils.discoverFunctionType(record, "recordAuditEvent", context)))
                .isTrue();
        assertThat(record).isNotInstanceOf(ApiFunction.class);
    }
}
