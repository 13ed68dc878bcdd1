package app.tradebot.platform.lambda;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Registers the annotated bean or configuration unless this process is a Lambda
 * ({@link LambdaStartup#isLambda}) of a function other than the ones named: for what only those
 * functions use and only their package carries (functions/pom.xml: the tickers and deploy packages).
 * The gateway, worker, scheduler and tests that play no function register it as usual.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnFunction.OnFunction.class)
public @interface ConditionalOnFunction {

    /** The functions (bean names) that use it. */
    String[] value();

    final class OnFunction implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String[] functions = (String[]) metadata.getAnnotationAttributes(ConditionalOnFunction.class.getName()).get("value");
            Environment environment = context.getEnvironment();
            return !LambdaStartup.isLambda(environment) || LambdaStartup.runsAnyOf(environment, Arrays.asList(functions));
        }
    }
}
