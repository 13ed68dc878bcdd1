package app.tradebot.platform.http;

/** 415: the body is not of the media type the route reads. */
public class UnsupportedMediaType extends ApiException {

    public UnsupportedMediaType(String detail) {
        super(415, detail);
    }
}
