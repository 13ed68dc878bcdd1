package app.tradebot.platform.http;

/** 409: the request clashes with what is stored, such as a duplicate. */
public class Conflict extends ApiException {

    public Conflict(String detail) {
        super(409, detail);
    }
}
