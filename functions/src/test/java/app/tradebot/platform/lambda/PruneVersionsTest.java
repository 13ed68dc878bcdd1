package app.tradebot.platform.lambda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which versions a deploy deletes, against an account of three functions held in memory. */
class PruneVersionsTest {

    /** The Lambda API over a few functions: name -> versions, aliases; deletions recorded. */
    static final class Account implements FunctionVersions {

        final Map<String, String> stackOf = new LinkedHashMap<>();
        final Map<String, List<String>> versions = new HashMap<>();
        final Map<String, Set<String>> aliased = new HashMap<>();
        final List<String> deleted = new ArrayList<>();
        String refuse;

        @Override
        public List<String> functionsOf(String stackName, String prefix) {
            return stackOf.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getValue().equals(stackName))
                    .map(Map.Entry::getKey).toList();
        }

        @Override
        public List<String> versions(String function) {
            return versions.get(function);
        }

        @Override
        public Set<String> aliased(String function) {
            return aliased.getOrDefault(function, Set.of());
        }

        @Override
        public void delete(String function, String version) {
            assertThat(version).as("always a version number").matches("[0-9]+");
            if ((function + ":" + version).equals(refuse)) {
                throw new IllegalStateException("ResourceConflictException");
            }
            deleted.add(function + ":" + version);
        }
    }

    private final Account account = new Account();
    private final PruneVersions prune = new PruneVersions(account, new CustomResourceResponses(JsonMapper.builder().build()));

    private static Map<String, Object> event(String type, Object keep) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("StackName", "tradebot");
        properties.put("FunctionNamePrefix", "tradebot-");
        if (keep != null) {
            properties.put("KeepVersions", keep);
        }
        Map<String, Object> event = new HashMap<>();
        event.put("RequestType", type);
        event.put("ResourceProperties", properties);
        return event;
    }

    @Test
    void keepsTheAliasedVersionsAndTheNewestAndDeletesTheRest() {
        account.stackOf.put("tradebot-LoginFunction-AbC", "tradebot");
        account.versions.put("tradebot-LoginFunction-AbC", List.of("$LATEST", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        // During a deploy the alias may still point at an old version, a canary at another.
        account.aliased.put("tradebot-LoginFunction-AbC", Set.of("2", "7"));

        Map<String, Object> outcome = prune.apply(event("Update", "3"));

        assertThat(account.deleted).containsExactly("tradebot-LoginFunction-AbC:1", "tradebot-LoginFunction-AbC:3",
                "tradebot-LoginFunction-AbC:4", "tradebot-LoginFunction-AbC:5", "tradebot-LoginFunction-AbC:6");
        assertThat(outcome.get("status")).isEqualTo("SUCCESS");
        assertThat(outcome.get("reason")).isEqualTo("5 old version(s) of 1 function(s) deleted");
    }

    @Test
    void touchesNoFunctionOfAnotherStackEvenWithTheSamePrefix() {
        account.stackOf.put("tradebot-LoginFunction-AbC", "tradebot");
        account.stackOf.put("tradebot-staging-LoginFunction-XyZ", "tradebot-staging");
        account.versions.put("tradebot-LoginFunction-AbC", List.of("1", "2"));
        account.versions.put("tradebot-staging-LoginFunction-XyZ", List.of("1", "2", "3", "4", "5", "6"));

        prune.apply(event("Create", null));

        assertThat(account.deleted).isEmpty();
    }

    @Test
    void aStackDeletionDeletesNothing() {
        account.stackOf.put("tradebot-LoginFunction-AbC", "tradebot");
        account.versions.put("tradebot-LoginFunction-AbC", List.of("1", "2", "3", "4", "5", "6"));

        Map<String, Object> outcome = prune.apply(event("Delete", "1"));

        assertThat(account.deleted).isEmpty();
        assertThat(outcome.get("status")).isEqualTo("SUCCESS");
    }

    @Test
    void aVersionThatCannotBeDeletedIsReportedAndTheRestPruned() {
        account.stackOf.put("tradebot-LoginFunction-AbC", "tradebot");
        account.versions.put("tradebot-LoginFunction-AbC", List.of("1", "2", "3", "4", "5"));
        account.refuse = "tradebot-LoginFunction-AbC:1";

        Map<String, Object> outcome = prune.apply(event("Update", 3));

        assertThat(account.deleted).containsExactly("tradebot-LoginFunction-AbC:2");
        assertThat(outcome.get("status")).isEqualTo("SUCCESS");
        assertThat((String) outcome.get("reason")).contains("not deleted: [tradebot-LoginFunction-AbC:1 (ResourceConflictException)]");
    }

    @Test
    void refusesToPruneWithoutKeepingAtLeastOneVersion() {
        account.stackOf.put("tradebot-LoginFunction-AbC", "tradebot");
        account.versions.put("tradebot-LoginFunction-AbC", List.of("1", "2"));

        assertThatThrownBy(() -> prune.apply(event("Update", "0"))).hasMessageContaining("KeepVersions >= 1");
        assertThat(account.deleted).isEmpty();
    }

    @Test
    void prunableCountsVersionsAsNumbersNotText() {
        assertThat(PruneVersions.prunable(List.of("9", "10", "11", "100", "$LATEST"), Set.of(), 2)).containsExactly("9", "10");
    }
}
