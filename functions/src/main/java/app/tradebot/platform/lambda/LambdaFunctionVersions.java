package app.tradebot.platform.lambda;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import org.springframework.stereotype.Component;

/**
 * {@link FunctionVersions} through the Lambda API, with the function's own role (template.yaml
 * grants PruneVersionsFunction the calls). The client is made at the first call: only the
 * deployment step in AWS ever calls it.
 */
@ConditionalOnFunction("pruneVersions")
@Component
class LambdaFunctionVersions implements FunctionVersions {

    static final String STACK_TAG = "tradebot:stack";

    private LambdaClient client;

    private synchronized LambdaClient client() {
        if (client == null) {
            client = LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return client;
    }

    @Override
    public List<String> functionsOf(String stackName, String prefix) {
        return client().listFunctionsPaginator(b -> { }).functions().stream()
                .filter(f -> f.functionName().startsWith(prefix))
                .filter(f -> stackName.equals(client().listTags(b -> b.resource(f.functionArn())).tags().get(STACK_TAG)))
                .map(FunctionConfiguration::functionName)
                .sorted()
                .toList();
    }

    @Override
    public List<String> versions(String function) {
        return client().listVersionsByFunctionPaginator(b -> b.functionName(function)).versions().stream()
                .map(FunctionConfiguration::version)
                .filter(v -> !"$LATEST".equals(v))
                .toList();
    }

    @Override
    public Set<String> aliased(String function) {
        Set<String> versions = new HashSet<>();
        for (AliasConfiguration alias : client().listAliasesPaginator(b -> b.functionName(function)).aliases()) {
            versions.add(alias.functionVersion());
            if (alias.routingConfig() != null && alias.routingConfig().additionalVersionWeights() != null) {
                versions.addAll(alias.routingConfig().additionalVersionWeights().keySet());
            }
        }
        return versions;
    }

    @Override
    public void delete(String function, String version) {
        client().deleteFunction(b -> b.functionName(function).qualifier(version));
    }
}
