package app.tradebot.platform.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.tradebot.TestServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every function of template.yaml starts from the package template.yaml deploys it in: for each
 * package (Globals' CodeUri, or the function's own), one fresh JVM with only that jar on the class
 * path starts a Lambda context per function (its SPRING_CLOUD_FUNCTION_DEFINITION, no role) and
 * creates the function's bean. This is what keeps the packages' exclusions (functions/pom.xml),
 * LambdaStartup's and @ConditionalOnFunction's honest: a function that needs a library its package
 * left out, or a bean a Lambda does not start, fails here instead of on its first cold start.
 */
class LambdaPackagesIT {

    private static final Path TEMPLATE = Path.of("../template.yaml");
    private static final Pattern RESOURCE = Pattern.compile("^  ([A-Za-z0-9]+):\\s*$");
    private static final Pattern CODE_URI = Pattern.compile("^      CodeUri: (\\S+)\\s*$");
    private static final Pattern GLOBAL_CODE_URI = Pattern.compile("^    CodeUri: (\\S+)\\s*$");
    private static final Pattern DEFINITION = Pattern.compile("^\\s+SPRING_CLOUD_FUNCTION_DEFINITION: (\\S+)\\s*$");

    @Test
    void everyFunctionStartsFromItsOwnPackage() throws Exception {
        Map<String, List<String>> functionsByPackage = functionsByPackage(Files.readAllLines(TEMPLATE));
        assertThat(functionsByPackage).containsKeys("functions/target/tradebot-functions-aws.jar",
                "functions/target/tradebot-functions-http-aws.jar", "functions/target/tradebot-functions-tickers-aws.jar",
                "functions/target/tradebot-functions-deploy-aws.jar");
        // The HTTP package's functions never publish: the outbox is not in it, so none of them may need it.
        assertThat(functionsByPackage.get("functions/target/tradebot-functions-http-aws.jar")).contains("me", "authorize")
                .doesNotContain("register", "login", "deleteStrategy", "health");
        assertThat(functionsByPackage.values().stream().mapToInt(List::size).sum()).isGreaterThan(80);

        for (Map.Entry<String, List<String>> entry : functionsByPackage.entrySet()) {
            Path jar = Path.of("..").resolve(entry.getKey()).toAbsolutePath().normalize();
            assertThat(jar).exists();
            String output = startEach(jar, entry.getValue());
            for (String function : entry.getValue()) {
                assertThat(output).as(entry.getKey() + "\n" + output).contains("started " + function + "\n");
            }
        }
    }

    /** Package (CodeUri, relative to the repository) → the definitions of the functions it serves. */
    static Map<String, List<String>> functionsByPackage(List<String> lines) {
        String global = null;
        Map<String, String> codeUri = new LinkedHashMap<>();
        Map<String, String> definition = new LinkedHashMap<>();
        String resource = null;
        for (String line : lines) {
            Matcher m;
            if ((m = RESOURCE.matcher(line)).matches()) {
                resource = m.group(1);
            }
            else if ((m = GLOBAL_CODE_URI.matcher(line)).matches() && global == null) {
                global = m.group(1);
            }
            else if (resource != null && (m = CODE_URI.matcher(line)).matches()) {
                codeUri.put(resource, m.group(1));
            }
            else if (resource != null && (m = DEFINITION.matcher(line)).matches()) {
                definition.put(resource, m.group(1));
            }
        }
        Map<String, List<String>> byPackage = new LinkedHashMap<>();
        for (Map.Entry<String, String> function : definition.entrySet()) {
            String uri = codeUri.getOrDefault(function.getKey(), global);
            byPackage.computeIfAbsent(uri, u -> new ArrayList<>()).add(function.getValue());
        }
        return byPackage;
    }

    private static String startEach(Path jar, List<String> functions) throws Exception {
        Path log = Files.createTempFile("lambda-package", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", jar.toString(),
                Path.of("src/test/resources/lambda/StartEachFunction.java").toAbsolutePath().toString()));
        command.addAll(functions);
        ProcessBuilder lambda = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = lambda.environment();
        env.remove("MAIN_CLASS");
        env.remove("TRADEBOT_ROLES");
        env.put("SPRING_CLOUD_STREAM_FUNCTION_AUTODETECT", "false");
        env.put("DATABASE_URL", TestServices.DATABASE_URL);
        env.put("REDIS_URL", TestServices.REDIS_URL);
        env.put("RABBITMQ_URL", TestServices.RABBITMQ_URL);
        env.put("SECRET_KEY", "lambda-packages-it-".repeat(4));
        env.put("FERNET_KEY", "6rRz9yKcGfJ2vyqXgkTQwLh4p2Yx3Sx8c8q0e1pD0Ow=");
        env.put("LOG_LEVEL", "WARN");
        env.put("LOGGING_LEVEL_ROOT", "WARN");
        Process process = lambda.start();
        // A bound so a hung JVM cannot hang the build; not a measure of anything.
        boolean exited = process.waitFor(20, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        return output.lines().filter(l -> l.startsWith("started ") || l.startsWith("failed"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
