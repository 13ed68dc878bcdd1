package app.tradebot.platform.http;

/** 503: what the answer needs cannot be reached now (an exchange, every cache and store); try again later. */
public class Unavailable extends ApiException {

    public Unavailable(String detail) {
        super(503, detail);
    }
}
