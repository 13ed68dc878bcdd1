package app.tradebot.platform.messaging;

import app.tradebot.runtime.Roles;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Outside the worker, Spring Cloud Stream must bind no function. A Lambda sets
 * SPRING_CLOUD_FUNCTION_DEFINITION for FunctionInvoker, and Spring Cloud Stream reads that same
 * property to bind the function to a destination and start consuming: the Lambda would then pull
 * messages behind its event source mapping's back. Removing Spring Cloud Stream's
 * {@code functionBindingRegistrar} keeps StreamBridge (publishing) and drops every function binding.
 */
class FunctionBindingGuard implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    /** The bean of Spring Cloud Stream's FunctionConfiguration that turns the definition into bindings. */
    static final String REGISTRAR = "functionBindingRegistrar";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!Roles.has(environment, Roles.WORKER) && beanFactory instanceof BeanDefinitionRegistry registry
                && registry.containsBeanDefinition(REGISTRAR)) {
            registry.removeBeanDefinition(REGISTRAR);
        }
    }
}
