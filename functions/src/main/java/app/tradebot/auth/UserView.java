package app.tradebot.auth;

import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it: never the password hash. */
record UserView(UUID id, String email, Instant createdAt) {

    static UserView of(User user) {
        return new UserView(user.id(), user.email(), user.createdAt());
    }
}
