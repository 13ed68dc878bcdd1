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
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.GREEDY) {
                if (i >= parts.length || (i == parts.length - 1 && parts[i].isEmpty())) {
                    return Optional.empty();
                }
                String rest = String.join("/", Arrays.copyOfRange(parts, i, parts.length));
                parameters.put(segment.name(), decode(rest));
                return Optional.of(parameters);
            }
            if (i >= parts.length) {
                return Optional.empty();
            }
            String value = decode(parts[i]);
            if (segment.kind() == Kind.LITERAL) {
                if (!segment.name().equals(value)) {
                    return Optional.empty();
                }
            }
            else {
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.name(), value);
            }
        }
        return parts.length == segments.size() ? Optional.of(parameters) : Optional.empty();
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

    enum Kind {
        LITERAL, PARAMETER, GREEDY
    }

    record Segment(Kind kind, String name) {
    }
}
