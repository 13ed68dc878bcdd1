package app.tradebot.auth;

import java.time.Clock;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import app.tradebot.audit.AuditTrail;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.http.AuthorizerResponse;
import app.tradebot.platform.http.Unauthorized;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auth functions of template.yaml: register, login, logout, logoutEverywhere, changePassword,
 * me and the authorizer.
 */
@Configuration(proxyBeanMethods = false)
class AuthFunctions {

    private final Clock clock;

    AuthFunctions(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    ApiFunction register(ApiFunctions http, UserDao users, Passwords passwords, AuditTrail audit) {
        return http.of(RegisterRequest.class, UserView.class, 201, new Register(users, passwords, audit, clock));
    }

    @Bean
    ApiFunction login(ApiFunctions http, UserDao users, Passwords passwords, AccessTokens tokens, LoginAttempts attempts,
            AuditTrail audit) {
        return http.of(LoginRequest.class, LoginResponse.class, 200, new Login(users, passwords, tokens, attempts, audit, clock));
    }

    @Bean
    ApiFunction logout(ApiFunctions http, AccessTokens tokens, AuditTrail audit) {
        return http.of(Void.class, Void.class, 204, new Logout(tokens, audit, clock));
    }

    @Bean
    ApiFunction logoutEverywhere(ApiFunctions http, UserSessions users, AuditTrail audit) {
        return http.of(Void.class, Void.class, 204, new LogoutEverywhere(users, audit, clock));
    }

    @Bean
    ApiFunction changePassword(ApiFunctions http, UserSessions users, UserReads reads, Passwords passwords,
            AccessTokens tokens, LoginAttempts attempts, AuditTrail audit) {
        return http.of(ChangePasswordRequest.class, LoginResponse.class, 200,
                new ChangePassword(users, reads, passwords, tokens, attempts, audit, clock));
    }

    @Bean
    ApiFunction me(ApiFunctions http, UserReads users) {
        return http.of(Void.class, UserView.class, 200, (body, request) -> users.findById(request.userId())
                .map(UserView::of)
                // A valid token for an account that is gone.
                .orElseThrow(() -> new Unauthorized("Sign in to do this.")));
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, AuthorizerResponse> authorize(AccessTokens tokens) {
        return new Authorize(tokens);
    }
}
