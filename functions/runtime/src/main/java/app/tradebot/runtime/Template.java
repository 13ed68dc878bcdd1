package app.tradebot.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * template.yaml read as the local runtimes need it: which functions exist, and for each its
 * HTTP routes, queues and schedules. The file is the one descriptor of the whole backend; the
 * gateway, worker and scheduler never hold a second list.
 */
public record Template(
        List<FunctionSpec> functions,
        Optional<String> authorizerFunction,
        Throttle defaultThrottle,
        Map<String, Throttle> routeThrottles,
        Cors cors,
        Set<String> deploymentSteps) {

    /** The rule of the house: logical id = bean name, first letter upper-cased, + "Function". */
    public static String beanNameOf(String logicalId) {
        if (!logicalId.endsWith("Function") || logicalId.length() == "Function".length()) {
            throw new IllegalArgumentException("Logical id " + logicalId + " does not end in Function");
        }
        String stem = logicalId.substring(0, logicalId.length() - "Function".length());
        return Character.toLowerCase(stem.charAt(0)) + stem.substring(1);
    }

    public static String logicalIdOf(String beanName) {
        return Character.toUpperCase(beanName.charAt(0)) + beanName.substring(1) + "Function";
    }

    /** The template packaged with the runtime (a copy of the repository's template.yaml). */
    public static Template load() {
        try (InputStream in = Template.class.getResourceAsStream("/template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot read template.yaml", e);
        }
    }

    public static Template load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /**
     * The template a process runs with: the file named by {@value #LOCATION_PROPERTY} (tests and
     * local experiments), else the packaged one. Environment post-processors, which run before
     * any bean exists, and the {@link TemplateConfiguration} bean read it the same way.
     */
    public static Template forLocation(String location) {
        if (location == null || location.isBlank()) {
            return load();
        }
        try {
            return load(Path.of(location));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + LOCATION_PROPERTY + " " + location, e);
        }
    }

    public static final String LOCATION_PROPERTY = "tradebot.template-location";

    public static Template parse(String yaml) {
        return parse(new StringReader(yaml));
    }

    @SuppressWarnings("unchecked")
    static Template parse(Reader yaml) {
        Map<String, Object> root = new Yaml(new CloudFormationConstructor()).load(yaml);
        Map<String, Object> resources = map(root.get("Resources"));
        List<FunctionSpec> functions = new ArrayList<>();
        Optional<String> authorizer = Optional.empty();
        Throttle defaultThrottle = Throttle.NONE;
        Map<String, Throttle> routeThrottles = new LinkedHashMap<>();
        Cors cors = Cors.NONE;
        Map<String, String> authorizerNames = new LinkedHashMap<>();

        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if (!"AWS::Serverless::HttpApi".equals(body.get("Type"))) {
                continue;
            }
            Map<String, Object> props = map(body.get("Properties"));
            Map<String, Object> authorizers = map(map(props.get("Auth")).get("Authorizers"));
            for (Map.Entry<String, Object> a : authorizers.entrySet()) {
                Object arn = map(a.getValue()).get("FunctionArn");
                String logicalId = arn instanceof Intrinsic fn ? fn.referencedLogicalId() : String.valueOf(arn);
                authorizerNames.put(a.getKey(), beanNameOf(logicalId));
                authorizer = Optional.of(beanNameOf(logicalId));
            }
            defaultThrottle = Throttle.of(map(props.get("DefaultRouteSettings")));
            for (Map.Entry<String, Object> r : map(props.get("RouteSettings")).entrySet()) {
                routeThrottles.put(r.getKey(), Throttle.of(map(r.getValue())));
            }
            Map<String, Object> corsProps = map(props.get("CorsConfiguration"));
            if (!corsProps.isEmpty()) {
                cors = new Cors(strings(corsProps.get("AllowOrigins")), strings(corsProps.get("AllowMethods")),
                        strings(corsProps.get("AllowHeaders")), strings(corsProps.get("ExposeHeaders")),
                        Boolean.TRUE.equals(corsProps.get("AllowCredentials")),
                        corsProps.get("MaxAge") instanceof Number n ? n.intValue() : 0);
            }
        }

        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if (!"AWS::Serverless::Function".equals(body.get("Type"))) {
                continue;
            }
            String logicalId = resource.getKey();
            String bean = beanNameOf(logicalId);
            Map<String, Object> props = map(body.get("Properties"));
            Object definition = map(map(props.get("Environment")).get("Variables")).get("SPRING_CLOUD_FUNCTION_DEFINITION");
            if (!bean.equals(definition)) {
                throw new IllegalStateException(logicalId + " must set SPRING_CLOUD_FUNCTION_DEFINITION: " + bean
                        + " (found " + definition + ")");
            }
            List<HttpRoute> routes = new ArrayList<>();
            List<QueueTrigger> queues = new ArrayList<>();
            List<Schedule> schedules = new ArrayList<>();
            for (Map.Entry<String, Object> event : map(props.get("Events")).entrySet()) {
                Map<String, Object> e = map(event.getValue());
                Map<String, Object> ep = map(e.get("Properties"));
                switch (String.valueOf(e.get("Type"))) {
                    case "HttpApi" -> {
                        Object auth = map(ep.get("Auth")).get("Authorizer");
                        String authorizerName = auth == null || "NONE".equals(auth) ? null : String.valueOf(auth);
                        if (authorizerName != null && !authorizerNames.containsKey(authorizerName)) {
                            throw new IllegalStateException(logicalId + " names unknown authorizer " + authorizerName);
                        }
                        routes.add(new HttpRoute(bean, String.valueOf(ep.get("Method")).toUpperCase(),
                                String.valueOf(ep.get("Path")),
                                authorizerName == null ? null : authorizerNames.get(authorizerName)));
                    }
                    case "MQ" -> {
                        int batch = ep.get("BatchSize") instanceof Number n ? n.intValue() : 100;
                        for (String queue : strings(ep.get("Queues"))) {
                            queues.add(new QueueTrigger(bean, queue, batch));
                        }
                    }
                    case "ScheduleV2", "Schedule" -> schedules.add(new Schedule(bean, event.getKey(),
                            String.valueOf(ep.get("ScheduleExpression")),
                            ep.get("ScheduleExpressionTimezone") == null ? "UTC"
                                    : String.valueOf(ep.get("ScheduleExpressionTimezone")),
                            ep.get("Input") == null ? null : String.valueOf(ep.get("Input")),
                            !Boolean.FALSE.equals(ep.get("Enabled")) && !"DISABLED".equals(ep.get("State"))));
                    default -> throw new IllegalStateException(
                            logicalId + "." + event.getKey() + ": event type " + e.get("Type") + " is not emulated locally");
                }
            }
            functions.add(new FunctionSpec(logicalId, bean, List.copyOf(routes), List.copyOf(queues),
                    List.copyOf(schedules)));
        }
        // Functions a deployment invokes (CloudFormation custom resources whose ServiceToken is one):
        // in AWS only; the local runtimes do the same work at start (e.g. Flyway migrating).
        Set<String> deploymentSteps = new TreeSet<>();
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            String type = String.valueOf(body.get("Type"));
            if (("AWS::CloudFormation::CustomResource".equals(type) || type.startsWith("Custom::"))
                    && map(body.get("Properties")).get("ServiceToken") instanceof Intrinsic token
                    && map(resources.get(token.referencedLogicalId())).get("Type") instanceof String t
                    && "AWS::Serverless::Function".equals(t)) {
                deploymentSteps.add(beanNameOf(token.referencedLogicalId()));
            }
        }
        functions.sort(Comparator.comparing(FunctionSpec::name));
        return new Template(List.copyOf(functions), authorizer, defaultThrottle, Map.copyOf(routeThrottles), cors,
                Set.copyOf(deploymentSteps));
    }

    /** True for a function a deployment invokes (a custom resource's ServiceToken), not a trigger. */
    public boolean isDeploymentStep(String name) {
        return deploymentSteps.contains(name);
    }

    public Optional<FunctionSpec> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<HttpRoute> routes() {
        return functions.stream().flatMap(f -> f.routes().stream()).toList();
    }

    public List<QueueTrigger> queues() {
        return functions.stream().flatMap(f -> f.queues().stream()).toList();
    }

    public List<Schedule> schedules() {
        return functions.stream().flatMap(f -> f.schedules().stream()).toList();
    }

    /** Route settings of API Gateway: key "METHOD /path", falling back to DefaultRouteSettings. */
    public Throttle throttleFor(HttpRoute route) {
        return routeThrottles.getOrDefault(route.routeKey(), defaultThrottle);
    }

    public record FunctionSpec(String logicalId, String name, List<HttpRoute> routes, List<QueueTrigger> queues,
            List<Schedule> schedules) {
    }

    /** An HttpApi event. {@code authorizer} is the authorizer function's bean name, or null for an open route. */
    public record HttpRoute(String function, String method, String path, String authorizer) {

        public String routeKey() {
            return method + " " + path;
        }

        public boolean authorized() {
            return authorizer != null;
        }
    }

    /** An MQ event: the function consumes this queue (Amazon MQ for RabbitMQ in AWS, RabbitMQ locally). */
    public record QueueTrigger(String function, String queue, int batchSize) {
    }

    /**
     * A ScheduleV2/Schedule event. Locally the scheduler publishes {@code input} (with EventBridge
     * Scheduler's context attributes filled in) to {@link #queue()}, which the worker consumes.
     */
    public record Schedule(String function, String eventName, String expression, String timezone, String input,
            boolean enabled) {

        public static final String QUEUE_PREFIX = "schedule.";

        public String queue() {
            return QUEUE_PREFIX + function;
        }
    }

    /** Throttling route settings; rate in requests per second, burst in requests. */
    public record Throttle(int burstLimit, double rateLimit) {

        public static final Throttle NONE = new Throttle(0, 0);

        static Throttle of(Map<String, Object> settings) {
            if (settings.isEmpty()) {
                return NONE;
            }
            return new Throttle(((Number) settings.getOrDefault("ThrottlingBurstLimit", 0)).intValue(),
                    ((Number) settings.getOrDefault("ThrottlingRateLimit", 0)).doubleValue());
        }

        public boolean limited() {
            return burstLimit > 0 && rateLimit > 0;
        }
    }

    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
            List<String> exposeHeaders, boolean allowCredentials, int maxAge) {

        public static final Cors NONE = new Cors(List.of(), List.of(), List.of(), List.of(), false, 0);
    }

    /** A CloudFormation intrinsic such as !Ref X or !GetAtt X.Arn, kept unresolved. */
    public record Intrinsic(String tag, Object value) {

        String referencedLogicalId() {
            String text = value instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(value);
            int dot = text.indexOf('.');
            return dot < 0 ? text : text.substring(0, dot);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> strings(Object o) {
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return o == null ? List.of() : List.of(String.valueOf(o));
    }

    /** SnakeYAML's safe constructor, plus CloudFormation's short-form intrinsic tags. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue();
                    Object value;
                    if (node instanceof ScalarNode s) {
                        value = constructScalar(s);
                    }
                    else if (node instanceof SequenceNode s) {
                        value = constructSequence(s);
                    }
                    else {
                        value = constructMapping((MappingNode) node);
                    }
                    return new Intrinsic(tag.startsWith("!") ? tag.substring(1) : tag, value);
                }
            });
        }
    }
}
