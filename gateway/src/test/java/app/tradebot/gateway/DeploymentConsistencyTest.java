package app.tradebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.tradebot.runtime.Roles;
import app.tradebot.runtime.Template;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * template.yaml, compose/docker-compose.yml, .env.example and the README describe one deployment:
 * every function of the template is served by a Compose service playing the runtime that emulates
 * its trigger, and every environment variable the code reads is documented for the operator.
 * Reads the repository's files, not copies, so it fails on the change that breaks the agreement.
 */
class DeploymentConsistencyTest {

    private static final Path ROOT = repositoryRoot();

    /** Set by the operating system, Docker or the Lambda runtime: no operator configures them. */
    private static final Set<String> PROVIDED_BY_THE_PLATFORM = Set.of("HOSTNAME", "HOME", "PATH", "USER", "TMPDIR",
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_INITIALIZATION_TYPE",
            "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "_HANDLER", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN");

    private static final Pattern GETENV = Pattern.compile("getenv\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
    /** Spring's Environment asked for a variable by its own name: environment.getProperty("TRADEBOT_INSTANCE_ID"). */
    private static final Pattern GET_PROPERTY = Pattern.compile("getProperty\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
    /** A placeholder naming a variable: ${PORT:8080}, ${SECRET_KEY}. Lower-case ones are Spring properties. */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    /** EnvironmentConventions: copy(env, "LOG_LEVEL", ...) and env.get("DATABASE_URL"). */
    private static final Pattern CONVENTION = Pattern.compile("(?:copy\\(\\s*env\\s*,\\s*|env\\.get\\(\\s*)\"([A-Z][A-Z0-9_]*)\"");

    @Test
    void everyFunctionIsServedByTheComposeServiceThatEmulatesItsTrigger() throws IOException {
        Template template = Template.load(ROOT.resolve("template.yaml"));
        Map<String, Set<String>> roles = rolesByService(compose());

        assertThat(template.functions()).isNotEmpty();
        assertThat(roles).as("Compose services with TRADEBOT_ROLES").isNotEmpty();
        assertThat(unserved(template, roles)).as("functions of template.yaml that no Compose service serves").isEmpty();
    }

    @Test
    void composeServicesPlayOnlyKnownRoles() throws IOException {
        Set<String> known = Set.of(Roles.ALL.split(","));
        rolesByService(compose()).forEach((service, played) ->
                assertThat(known).as("roles of " + service).containsAll(played));
    }

    @Test
    void everyVariableTheCodeReadsIsInEnvExample() throws IOException {
        Map<String, String> read = variablesRead();
        String example = Files.readString(ROOT.resolve(".env.example"));

        Map<String, String> missing = new TreeMap<>(read);
        missing.keySet().removeIf(name -> Pattern.compile("^#?\\s*" + name + "=", Pattern.MULTILINE).matcher(example).find());

        assertThat(read).containsKeys("DATABASE_URL", "SECRET_KEY", "TRADEBOT_ROLES");
        assertThat(missing).as("variables the code reads that .env.example does not mention (name=where read)").isEmpty();
    }

    @Test
    void everyVariableTheCodeReadsHasARowInTheReadmeConfigurationTable() throws IOException {
        Map<String, String> read = variablesRead();
        String readme = Files.readString(ROOT.resolve("README.md"));

        Map<String, String> missing = new TreeMap<>(read);
        missing.keySet().removeIf(name -> readme.contains("| `" + name + "` |"));

        assertThat(missing).as("variables the code reads without a row in README.md's Configuration table (name=where read)").isEmpty();
    }

    // --- the checks can fail ------------------------------------------------------------------

    @Test
    void reportsEachFunctionWhoseRuntimeNoServicePlays() {
        Template template = Template.parse("""
                Resources:
                  HttpApi:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        Authorizers:
                          TokenAuthorizer:
                            FunctionArn: !Ref AuthorizeFunction.Alias
                  AuthorizeFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: authorize}}}
                  LoginFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: login}}
                      Events: {Login: {Type: HttpApi, Properties: {Method: POST, Path: /login}}}
                  RecordAuditEventFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: recordAuditEvent}}
                      Events: {Audit: {Type: MQ, Properties: {Queues: [audit-events]}}}
                  PurgeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: purge}}
                      Events: {Daily: {Type: ScheduleV2, Properties: {ScheduleExpression: rate(1 day)}}}
                  OrphanFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: orphan}}}
                """);

        assertThat(unserved(template, Map.of("gateway", Set.of("gateway"), "worker", Set.of("worker"),
                "scheduler", Set.of("scheduler")))).containsExactly("orphan: has no trigger and is no authorizer");
        assertThat(unserved(template, Map.of("api", Set.of("gateway")))).containsExactly(
                "orphan: has no trigger and is no authorizer",
                "purge: consumes schedule.purge, but no service plays worker",
                "purge: scheduled, but no service plays scheduler",
                "recordAuditEvent: consumes audit-events, but no service plays worker");
        assertThat(unserved(template, Map.of("all", Set.of("worker", "scheduler")))).contains(
                "authorize: authorizer of the HTTP API, but no service plays gateway",
                "login: serves POST /login, but no service plays gateway");
    }

    @Test
    void findsEachWayOfReadingAVariable() {
        String java = """
                String a = System.getenv("ALPHA");
                @Value("${BRAVO:8080}") int port;
                @Value("${tradebot.frontend-url:http://localhost:3000}") String notAVariable;
                String c = environment.getProperty("CHARLIE", "");
                copy(env, "DELTA", "some.property", props);
                String e = env.get("ECHO");
                throw new IllegalStateException("FOXTROT: not a read");
                """;
        assertThat(variablesIn(java)).containsExactlyInAnyOrder("ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO");
        assertThat(variablesIn("server.port=${PORT:8080}\nshell=$${NOT_COMPOSE}\n")).containsExactly("PORT");
        assertThat(rolesByService(Map.of("services", Map.of(
                "gateway", Map.of("environment", Map.of("TRADEBOT_ROLES", "gateway")),
                "worker", Map.of("environment", List.of("TRADEBOT_ROLES=worker, scheduler")),
                "postgres", Map.of("environment", Map.of("POSTGRES_DB", "tradebot_db"))))))
            .isEqualTo(Map.of("gateway", Set.of("gateway"), "worker", Set.of("worker", "scheduler")));
    }

    // --- what the checks read -------------------------------------------------------------------

    /** One line per function that no Compose service serves, sorted. */
    static List<String> unserved(Template template, Map<String, Set<String>> rolesByService) {
        Set<String> played = rolesByService.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Template.FunctionSpec function : template.functions()) {
            String name = function.name();
            boolean authorizer = template.authorizerFunction().filter(name::equals).isPresent();
            if (authorizer && !played.contains(Roles.GATEWAY)) {
                problems.add(name + ": authorizer of the HTTP API, but no service plays gateway");
            }
            for (Template.HttpRoute route : function.routes()) {
                if (!played.contains(Roles.GATEWAY)) {
                    problems.add(name + ": serves " + route.routeKey() + ", but no service plays gateway");
                }
            }
            for (Template.QueueTrigger queue : function.queues()) {
                if (!played.contains(Roles.WORKER)) {
                    problems.add(name + ": consumes " + queue.queue() + ", but no service plays worker");
                }
            }
            for (Template.Schedule schedule : function.schedules()) {
                if (!played.contains(Roles.SCHEDULER)) {
                    problems.add(name + ": scheduled, but no service plays scheduler");
                }
                if (!played.contains(Roles.WORKER)) {
                    problems.add(name + ": consumes " + schedule.queue() + ", but no service plays worker");
                }
            }
            if (!authorizer && !template.isDeploymentStep(name) && function.routes().isEmpty() && function.queues().isEmpty()
                    && function.schedules().isEmpty()) {
                problems.add(name + ": has no trigger and is no authorizer");
            }
        }
        return problems.stream().distinct().sorted().toList();
    }

    /** The roles each backend service plays: its TRADEBOT_ROLES; services without it are not backends. */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> rolesByService(Map<String, Object> compose) {
        Map<String, Set<String>> roles = new TreeMap<>();
        Map<String, Object> services = (Map<String, Object>) compose.getOrDefault("services", Map.of());
        services.forEach((service, body) -> {
            Object environment = ((Map<String, Object>) body).get("environment");
            String value = environment(environment).get("TRADEBOT_ROLES");
            if (value != null) {
                roles.put(service, Arrays.stream(value.split(","))
                        .map(r -> r.trim().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()));
            }
        });
        return roles;
    }

    /** Compose's environment: a mapping, or a list of NAME=value. */
    private static Map<String, String> environment(Object environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> variables.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                variables.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            }
        }
        return variables;
    }

    private static Map<String, Object> compose() throws IOException {
        // Anchors and merge keys (<<: *backend) resolve as Compose resolves them.
        return new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("compose/docker-compose.yml")));
    }

    /**
     * Every variable the backend reads, with where it is read: main sources and resources of every
     * module, and the environment Compose gives the backend services.
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> variablesRead() throws IOException {
        Map<String, String> read = new TreeMap<>();
        for (Path module : modules()) {
            Path main = module.resolve("src/main");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : files.filter(Files::isRegularFile).filter(DeploymentConsistencyTest::readable).toList()) {
                    String where = ROOT.relativize(file).toString();
                    variablesIn(Files.readString(file)).forEach(name -> read.putIfAbsent(name, where));
                }
            }
        }
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        for (String service : rolesByService(compose()).keySet()) {
            environment(((Map<String, Object>) services.get(service)).get("environment")).keySet()
                    .forEach(name -> read.putIfAbsent(name, "compose/docker-compose.yml service " + service));
        }
        read.keySet().removeAll(PROVIDED_BY_THE_PLATFORM);
        return read;
    }

    static Set<String> variablesIn(String text) {
        Set<String> names = new java.util.TreeSet<>();
        for (Pattern pattern : List.of(GETENV, GET_PROPERTY, PLACEHOLDER, CONVENTION)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static boolean readable(Path file) {
        String name = file.getFileName().toString();
        return Stream.of(".java", ".properties", ".yml", ".yaml", ".json", ".xml", ".factories").anyMatch(name::endsWith);
    }

    /** The reactor's modules, as the root pom lists them. */
    private static List<Path> modules() throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<Path> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(ROOT.resolve(m.group(1).trim()));
        }
        assertThat(modules).as("modules of the root pom").isNotEmpty();
        return modules;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("compose")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new UncheckedIOException(new IOException("No template.yaml with a compose/ directory above " + Path.of("").toAbsolutePath()));
        }
        return dir;
    }
}
