package app.tradebot.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/auth/login}. Only the shape is checked here: whether the email and password
 * belong together is answered with one 401 either way.
 */
record LoginRequest(
        @NotBlank @Size(max = Emails.MAX_LENGTH) String email,
        @NotEmpty @Size(max = Passwords.MAX_LENGTH) String password) {

    LoginRequest {
        email = Emails.normalize(email);
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
