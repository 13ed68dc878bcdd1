package app.tradebot.platform.lambda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Deletes old published versions of this stack's functions, a step of each deployment (custom
 * resource VersionPruning). Every deploy that changes code or settings publishes a new version of
 * each function (AutoPublishAlias, SnapStart), and each version keeps a copy of the ~100 MB
 * package: without pruning, the account's 75 GB code storage fills after a few hundred deploys.
 *
 * <p>Kept: every version an alias points at (the live one, during a deploy the previous live one
 * too), and the {@code KeepVersions} newest (so a rollback finds the version it returns to).
 * Never $LATEST; a version is deleted by its number only (without one the API would delete the
 * whole function, which this code never asks). A failure to delete is reported, not fatal: the
 * next deploy prunes again, and a deploy must not fail over housekeeping.
 */
@ConditionalOnFunction("pruneVersions")
@Component("pruneVersions")
class PruneVersions implements Function<Map<String, Object>, Map<String, Object>> {

    static final int DEFAULT_KEEP = 3;

    private static final Logger log = LoggerFactory.getLogger(PruneVersions.class);

    private final FunctionVersions lambda;
    private final CustomResourceResponses cloudFormation;

    PruneVersions(FunctionVersions lambda, CustomResourceResponses cloudFormation) {
        this.lambda = lambda;
        this.cloudFormation = cloudFormation;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> event) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        String status = CustomResourceResponses.SUCCESS;
        String reason;
        try {
            if (CustomResourceResponses.isDelete(event)) {
                // Deleting the stack deletes its functions, versions and all.
                reason = "stack deleted: nothing to prune";
                outcome.put("deleted", List.of());
            }
            else {
                Map<?, ?> properties = event.get("ResourceProperties") instanceof Map<?, ?> m ? m : Map.of();
                String stack = String.valueOf(properties.get("StackName"));
                String prefix = String.valueOf(properties.get("FunctionNamePrefix"));
                int keep = properties.get("KeepVersions") == null ? DEFAULT_KEEP
                        : Integer.parseInt(String.valueOf(properties.get("KeepVersions")));
                if (stack.isBlank() || "null".equals(stack) || "null".equals(prefix) || keep < 1) {
                    throw new IllegalArgumentException("ResourceProperties need StackName, FunctionNamePrefix and KeepVersions >= 1");
                }
                List<String> deleted = new ArrayList<>();
                List<String> failed = new ArrayList<>();
                List<String> functions = lambda.functionsOf(stack, prefix);
                for (String function : functions) {
                    for (String version : prunable(lambda.versions(function), lambda.aliased(function), keep)) {
                        try {
                            lambda.delete(function, version);
                            deleted.add(function + ":" + version);
                        }
                        catch (RuntimeException e) {
                            failed.add(function + ":" + version + " (" + e.getMessage() + ")");
                        }
                    }
                }
                outcome.put("deleted", deleted);
                outcome.put("failed", failed);
                reason = deleted.size() + " old version(s) of " + functions.size() + " function(s) deleted"
                        + (failed.isEmpty() ? "" : "; not deleted: " + failed);
            }
            log.info("pruneVersions: {}", reason);
        }
        catch (RuntimeException e) {
            status = CustomResourceResponses.FAILED;
            reason = "pruning failed: " + e.getMessage();
            log.error("pruneVersions: {}", reason, e);
        }
        return cloudFormation.finish(event, outcome, status, reason, "version-pruning");
    }

    /** The versions to delete: all but the aliased ones and the {@code keep} newest; never $LATEST. */
    static List<String> prunable(List<String> versions, Set<String> aliased, int keep) {
        List<Long> numbered = versions.stream().filter(v -> v.matches("[0-9]+")).map(Long::valueOf)
                .sorted(Comparator.reverseOrder()).toList();
        return numbered.stream().skip(keep).map(String::valueOf).filter(v -> !aliased.contains(v))
                .sorted(Comparator.comparing(Long::valueOf)).toList();
    }
}
