package app.tradebot.platform.http;

import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * An HttpApi function: takes the API Gateway HTTP API (payload 2.0) event and answers with the
 * response Lambda returns. The gateway calls it in-process, FunctionInvoker calls it in AWS. It
 * also tells its body types, from which the gateway builds the OpenAPI document.
 */
public interface ApiFunction extends Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** The JSON request body's record type, or {@code Void.class} when the route takes no body. */
    Class<?> requestType();

    /** The JSON response body's record type, or {@code Void.class} when it answers without a body. */
    Class<?> responseType();

    /** The status of a successful call: 200, 201, 202 or 204. */
    int successStatus();

    /** The media type of the request body: JSON, unless the route takes an upload of text such as CSV. */
    default String requestMediaType() {
        return ApiFunctions.JSON_MEDIA_TYPE;
    }

    /**
     * The largest request body the route takes. The function refuses a larger one with 413, and the
     * gateway does too before reading past it.
     */
    default long maxBodyBytes() {
        return ApiFunctions.JSON_MAX_BODY_BYTES;
    }

    /** The query parameters the route reads, for the OpenAPI document; none unless declared with {@link #withQuery}. */
    default List<QueryParameter> queryParameters() {
        return List.of();
    }

    /** This function, declaring the query parameters it reads. */
    default ApiFunction withQuery(List<QueryParameter> parameters) {
        ApiFunction function = this;
        List<QueryParameter> declared = List.copyOf(parameters);
        return new ApiFunction() {
            @Override
            public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
                return function.apply(event);
            }

            @Override
            public Class<?> requestType() {
                return function.requestType();
            }

            @Override
            public Class<?> responseType() {
                return function.responseType();
            }

            @Override
            public int successStatus() {
                return function.successStatus();
            }

            @Override
            public String requestMediaType() {
                return function.requestMediaType();
            }

            @Override
            public long maxBodyBytes() {
                return function.maxBodyBytes();
            }

            @Override
            public List<QueryParameter> queryParameters() {
                return declared;
            }
        };
    }
}
