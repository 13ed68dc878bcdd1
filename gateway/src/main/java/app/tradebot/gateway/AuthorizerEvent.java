package app.tradebot.gateway;

import java.util.List;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/**
 * What a REQUEST Lambda authorizer with payload 2.0 receives: the route's request event (without
 * the body) plus {@code type}, {@code routeArn} and {@code identitySource}. A subtype, so the
 * authorizer function, which takes the request event, gets it as is.
 */
public final class AuthorizerEvent extends APIGatewayV2HTTPEvent {

    private final String routeArn;
    private final List<String> identitySource;

    AuthorizerEvent(APIGatewayV2HTTPEvent event, String routeArn, List<String> identitySource) {
        super(event.getVersion(), event.getRouteKey(), event.getRawPath(), event.getRawQueryString(), event.getCookies(),
                event.getHeaders(), event.getQueryStringParameters(), event.getPathParameters(),
                event.getStageVariables(), null, false, event.getRequestContext());
        this.routeArn = routeArn;
        this.identitySource = List.copyOf(identitySource);
    }

    public String getType() {
        return "REQUEST";
    }

    public String getRouteArn() {
        return routeArn;
    }

    public List<String> getIdentitySource() {
        return identitySource;
    }
}
