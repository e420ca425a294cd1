package io.healguard.api.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Finds the configured token a bearer secret belongs to. The secret is hashed once and compared
 * against every configured hash with {@link MessageDigest#isEqual} and no early exit, so timing
 * does not reveal how close a guess was or which entry matched.
 */
public final class Tokens {
  private final List<ApiToken> tokens;

  public Tokens(List<ApiToken> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  public Optional<ApiToken> authenticate(String secret) {
    if (secret == null || secret.isEmpty()) {
      return Optional.empty();
    }
    byte[] h = ApiToken.digest(secret);
    ApiToken found = null;
    for (ApiToken t : tokens) {
      if (MessageDigest.isEqual(h, t.sha256()) && found == null) {
        found = t;
      }
    }
    return Optional.ofNullable(found);
  }
}
