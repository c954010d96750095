package dev.qwen.api;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus Security's HTTP side of the API keys: takes the bearer key from {@code Authorization} and hands
 * it to {@link ApiKeyIdentityProvider}. No header, or a key that is not configured, means no identity
 * (anonymous); {@link ApiKeyFilter} decides whether that is allowed.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    /** The presented key, as Quarkus Security passes it to the identity provider. Never logged. */
    public static final class ApiKeyRequest extends BaseAuthenticationRequest {
        private final String key;

        ApiKeyRequest(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }

        @Override
        public String toString() {
            return "ApiKeyRequest";
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Optional<String> key = bearer(context.request().getHeader("Authorization"));
        if (key.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        // An unknown key is no identity rather than a failed routing context: ApiKeyFilter refuses it with
        // the contract's 401 body where a key is needed, and paths that need none (health, the emulator's
        // provider-shaped bearer keys) are not failed by it.
        return identities.authenticate(new ApiKeyRequest(key.get()))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
