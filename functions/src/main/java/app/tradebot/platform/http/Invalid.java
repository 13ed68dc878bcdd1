package app.tradebot.platform.http;

import java.util.List;

/** 400: the request cannot be read or breaks the rules of its fields. */
public class Invalid extends ApiException {

    private final List<FieldError> errors;

    public Invalid(String detail) {
        this(detail, List.of());
    }

    public Invalid(String detail, List<FieldError> errors) {
        super(400, detail);
        this.errors = List.copyOf(errors);
    }

    public static Invalid field(String field, String message) {
        return new Invalid("The request has invalid fields.", List.of(new FieldError(field, message)));
    }

    @Override
    public List<FieldError> errors() {
        return errors;
    }
}
