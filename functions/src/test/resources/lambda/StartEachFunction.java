import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Run with only one Lambda package on the class path (java -cp PACKAGE.jar StartEachFunction.java
 * NAME...): for each name, starts the application as a Lambda of that function would
 * (spring.cloud.function.definition = the name, no role) and looks the function up in the
 * catalog, which creates its bean and everything it uses. Invokes nothing. Prints one line
 * "started NAME" or "failed NAME: cause" per name, and exits 1 if any failed.
 */
public class StartEachFunction {

    public static void main(String[] args) throws Exception {
        Class<?> main = Class.forName("app.tradebot.TradeBotFunctions");
        List<String> failed = new ArrayList<>();
        for (String name : args) {
            SpringApplication application = new SpringApplication(main);
            application.setWebApplicationType(WebApplicationType.NONE);
            // As FunctionInvoker does: the main package's Spring AOT initializer is named after it.
            application.setMainApplicationClass(main);
            try (ConfigurableApplicationContext context = application.run("--spring.cloud.function.definition=" + name)) {
                Object function = context.getBean(FunctionCatalog.class).lookup(name);
                if (function == null) {
                    throw new IllegalStateException("not in the catalog");
                }
                System.out.println("started " + name);
            }
            catch (Throwable e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                failed.add(name);
                System.out.println("failed " + name + ": " + root);
            }
        }
        System.out.println("failed: " + failed);
        System.exit(failed.isEmpty() ? 0 : 1);
    }
}
