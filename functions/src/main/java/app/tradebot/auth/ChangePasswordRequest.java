package app.tradebot.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/password}: the password in use, and the one to use from now on. */
record ChangePasswordRequest(
        @NotEmpty @Size(max = Passwords.MAX_LENGTH) String currentPassword,
        @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[***]";
    }
}
