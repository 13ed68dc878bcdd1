package app.tradebot.auth;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. */
record User(UUID id, String email, String passwordHash, Instant createdAt) {

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", createdAt=" + createdAt + "]";
    }
}
