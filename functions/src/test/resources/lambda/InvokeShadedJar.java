import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Stands in for AWS Lambda's Java runtime: run with only the shaded jar on the class path
 * (java -cp tradebot-functions-aws.jar InvokeShadedJar.java EVENT_FILE RESPONSE_FILE), it
 * constructs the Handler named in template.yaml and calls handleRequest once.
 */
public class InvokeShadedJar {

    public static void main(String[] args) throws Exception {
        FunctionInvoker invoker = new FunctionInvoker();
        try (InputStream in = Files.newInputStream(Path.of(args[0]));
                OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            invoker.handleRequest(in, out, null);
        }
        System.exit(0);
    }
}
