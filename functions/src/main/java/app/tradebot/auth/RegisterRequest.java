package app.tradebot.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/register}. The email is normalised as it is read. */
record RegisterRequest(
        @NotBlank @Size(max = Emails.MAX_LENGTH) @Pattern(regexp = Emails.PATTERN, message = "must be an email address") String email,
        @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password) {

    RegisterRequest {
        email = Emails.normalize(email);
    }

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + "]";
    }
}
