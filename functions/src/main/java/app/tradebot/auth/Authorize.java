package app.tradebot.auth;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.AuthorizerResponse;

/**
 * {@code authorize}: the HttpApi's Lambda authorizer (payload 2.0, simple responses). Lets a request
 * through when it carries {@code Authorization: Bearer <token>} with a valid access token, and
 * tells the route's function who the user is.
 */
class Authorize implements Function<APIGatewayV2HTTPEvent, AuthorizerResponse> {

    private static final Logger log = LoggerFactory.getLogger(Authorize.class);

    private final AccessTokens tokens;

    Authorize(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public AuthorizerResponse apply(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            return AuthorizerResponse.deny();
        }
        ApiRequest request = ApiRequest.from(event);
        String token = request.bearerToken().orElse(null);
        try {
            AccessTokens.VerifiedToken verified = tokens.verify(token);
            return AuthorizerResponse.allow(verified.userId().toString());
        }
        catch (InvalidToken e) {
            log.debug("Refused a token (request id {}): {}", request.requestId(), e.getMessage());
            return AuthorizerResponse.deny();
        }
    }
}
