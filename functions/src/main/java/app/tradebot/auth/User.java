package app.tradebot.auth;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. {@code sessionsNotBefore}: tokens issued earlier are refused (null: none are). */
record User(UUID id, String email, String passwordHash, Instant createdAt, Instant sessionsNotBefore) {

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", createdAt=" + createdAt + "]";
    }
}
