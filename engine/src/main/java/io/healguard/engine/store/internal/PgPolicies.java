package io.healguard.engine.store.internal;

import io.healguard.engine.store.PolicyActivation;
import io.healguard.engine.store.PolicyRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The policy version every replica of a PostgreSQL store serves: {@code policy_activation}. */
public final class PgPolicies implements PolicyRegistry {
  private final PgConnections db;

  public PgPolicies(PgConnections db) {
    this.db = db;
  }

  @Override
  public Optional<String> activePolicyVersion() {
    return db.with("read policy version", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT version FROM current_policy WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    });
  }

  @Override
  public Optional<PolicyActivation> activePolicy() {
    return db.with("read policy activation", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT a.seq, a.version, a.activated_at, a.actor, a.tables "
          + "FROM current_policy p JOIN policy_activation a ON a.seq = p.activation WHERE p.id = 1");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new PolicyActivation(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
            rs.getString(4), rs.getBytes(5)));
      }
    });
  }

  @Override
  public PolicyActivation recordPolicyActivation(String version, Instant activatedAt, String actor, byte[] tables) {
    return db.with("record policy " + version, c -> {
      c.setAutoCommit(false);
      try {
        long seq;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_activation "
            + "(version, activated_at, actor, tables) VALUES (?, ?, ?, ?) RETURNING seq")) {
          ps.setString(1, version);
          ps.setTimestamp(2, Timestamp.from(activatedAt));
          ps.setString(3, actor);
          ps.setBytes(4, tables);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO current_policy (id, activation, version) "
            + "VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET activation = excluded.activation, version = excluded.version")) {
          ps.setLong(1, seq);
          ps.setString(2, version);
          ps.executeUpdate();
        }
        c.commit();
        return new PolicyActivation(seq, version, activatedAt, actor, tables);
      } catch (SQLException | RuntimeException e) {
        PgConnections.rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }
}
