package app.tradebot.platform.http;

import java.util.Map;

/** 401: the caller is not signed in, or its credentials are wrong; asks for a bearer token. */
public class Unauthorized extends ApiException {

    public Unauthorized(String detail) {
        super(401, detail);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", "Bearer");
    }
}
