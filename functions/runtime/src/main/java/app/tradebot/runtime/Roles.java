package app.tradebot.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;

/**
 * Which local runtimes this process plays: {@code tradebot.roles} (env TRADEBOT_ROLES), a comma
 * list of {@value #GATEWAY}, {@value #WORKER}, {@value #SCHEDULER}. The all-in-one launcher plays
 * all three; Compose runs one image three times with one role each; a Lambda plays none.
 */
public final class Roles {

    public static final String PROPERTY = "tradebot.roles";
    public static final String GATEWAY = "gateway";
    public static final String WORKER = "worker";
    public static final String SCHEDULER = "scheduler";
    public static final String ALL = GATEWAY + "," + WORKER + "," + SCHEDULER;

    private static final Set<String> KNOWN = Set.of(GATEWAY, WORKER, SCHEDULER);

    private Roles() {
    }

    public static Set<String> of(Environment environment) {
        String value = environment.getProperty(PROPERTY, "");
        Set<String> roles = Arrays.stream(value.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String role : roles) {
            if (!KNOWN.contains(role)) {
                throw new IllegalStateException("TRADEBOT_ROLES: unknown role '" + role + "' (expected some of " + ALL + ")");
            }
        }
        return roles;
    }

    public static boolean has(Environment environment, String role) {
        return of(environment).contains(role);
    }
}
