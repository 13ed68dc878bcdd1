package app.tradebot.platform.http;

/** 404: no such thing, or not the caller's (another user's ids are not found, never forbidden). */
public class NotFound extends ApiException {

    public NotFound(String detail) {
        super(404, detail);
    }
}
