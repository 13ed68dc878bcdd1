package app.tradebot.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route path of template.yaml as API Gateway reads it: literal segments, {@code {param}} segments
 * and a final greedy {@code {proxy+}} segment.
 */
record RoutePath(String template, List<Segment> segments) {

    static RoutePath parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("Route path " + template + " must start with /");
        }
        String[] parts = template.substring(1).split("/", -1);
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i != parts.length - 1) {
                    throw new IllegalArgumentException("Route path " + template + ": a greedy {name+} must be the last segment");
                }
                segments.add(new Segment(Kind.GREEDY, part.substring(1, part.length() - 2)));
            }
            else if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(new Segment(Kind.PARAMETER, part.substring(1, part.length() - 1)));
            }
            else {
                segments.add(new Segment(Kind.LITERAL, part));
            }
        }
        return new RoutePath(template, List.copyOf(segments));
    }

    /** The path parameters when {@code rawPath} matches, decoded as API Gateway passes them. */
    Optional<Map<String, String>> match(String rawPath) {
        Parts parts = Parts.of(rawPath);
        return parts == null ? Optional.empty() : match(parts);
    }

    /** As {@link #match(String)}, for a request path split and decoded once for all the routes it is tried on. */
    Optional<Map<String, String>> match(Parts path) {
        String[] parts = path.raw();
        boolean greedy = !segments.isEmpty() && segments.get(segments.size() - 1).kind() == Kind.GREEDY;
        if (!greedy && parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = null;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.GREEDY) {
                if (i >= parts.length || (i == parts.length - 1 && parts[i].isEmpty())) {
                    return Optional.empty();
                }
                String rest = String.join("/", Arrays.copyOfRange(parts, i, parts.length));
                parameters = parameters == null ? new LinkedHashMap<>() : parameters;
                parameters.put(segment.name(), decode(rest));
                return Optional.of(parameters);
            }
            if (i >= parts.length) {
                return Optional.empty();
            }
            String value = path.decoded(i);
            if (segment.kind() == Kind.LITERAL) {
                if (!segment.name().equals(value)) {
                    return Optional.empty();
                }
            }
            else {
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                parameters = parameters == null ? new LinkedHashMap<>() : parameters;
                parameters.put(segment.name(), value);
            }
        }
        return parts.length == segments.size() ? Optional.of(parameters == null ? Map.of() : parameters) : Optional.empty();
    }

    /**
     * Orders candidate routes as API Gateway does: the most specific wins, a literal segment before
     * a parameter before a greedy one, compared from the left.
     */
    int compareSpecificity(RoutePath other) {
        int n = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            int c = segments.get(i).kind().compareTo(other.segments.get(i).kind());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(other.segments.size(), segments.size());
    }

    List<String> parameterNames() {
        return segments.stream().filter(s -> s.kind() != Kind.LITERAL).map(Segment::name).toList();
    }

    /** The path as OpenAPI writes it: {@code {proxy+}} becomes {@code {proxy}}. */
    String openApiPath() {
        StringBuilder path = new StringBuilder();
        for (Segment segment : segments) {
            path.append('/').append(segment.kind() == Kind.LITERAL ? segment.name() : "{" + segment.name() + "}");
        }
        return path.toString();
    }

    private static String decode(String segment) {
        try {
            // Path segments keep '+' literally; only percent-escapes are decoded.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /** A request path's segments, raw and (each once, when first asked) decoded. */
    static final class Parts {

        private final String[] raw;
        private final String[] decoded;

        private Parts(String[] raw) {
            this.raw = raw;
            this.decoded = new String[raw.length];
        }

        /** Null when the path does not start with a slash: no route matches it. */
        static Parts of(String rawPath) {
            return rawPath.startsWith("/") ? new Parts(rawPath.substring(1).split("/", -1)) : null;
        }

        String[] raw() {
            return raw;
        }

        String decoded(int i) {
            String value = decoded[i];
            if (value == null) {
                value = decode(raw[i]);
                decoded[i] = value;
            }
            return value;
        }
    }

    enum Kind {
        LITERAL, PARAMETER, GREEDY
    }

    record Segment(Kind kind, String name) {
    }
}
