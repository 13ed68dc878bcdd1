package app.tradebot.platform.lambda;

import java.util.List;
import java.util.Set;

/** What {@link PruneVersions} needs of the Lambda API: one stack's functions, their versions and aliases. */
interface FunctionVersions {

    /** Names of the functions whose tag {@code tradebot:stack} is {@code stackName}, among those named {@code prefix}…. */
    List<String> functionsOf(String stackName, String prefix);

    /** The published versions of a function (numbers as Lambda writes them; never $LATEST). */
    List<String> versions(String function);

    /** The versions an alias of the function points at, its routing's extra version included. */
    Set<String> aliased(String function);

    /** Deletes one published version; the function and its other versions stay. */
    void delete(String function, String version);
}
