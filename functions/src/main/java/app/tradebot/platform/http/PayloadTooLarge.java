package app.tradebot.platform.http;

/** 413: the body is larger than the route takes. */
public class PayloadTooLarge extends ApiException {

    public PayloadTooLarge(long maxBytes) {
        super(413, "The request body is larger than " + maxBytes + " bytes.");
    }
}
