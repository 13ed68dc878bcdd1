package app.tradebot.platform.http;

/** 403: the caller is known but may not do this. */
public class Forbidden extends ApiException {

    public Forbidden(String detail) {
        super(403, detail);
    }
}
