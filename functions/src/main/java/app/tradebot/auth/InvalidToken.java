package app.tradebot.auth;

/** Why an access token was refused; the reason is for logs and tests, never for the caller. */
class InvalidToken extends Exception {

    InvalidToken(String reason) {
        super(reason, null, false, false);
    }
}
