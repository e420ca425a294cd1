package io.healguard.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.Healguard;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PolicyTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version shared by another replica goes through the same gate as a reload, from the archive. */
class PolicyAdoptTest {
  @TempDir Path tmp;
  MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
  Healguard hg;
  PolicyArchive archive;
  String first;
  String editedVersion;
  byte[] editedZip;

  @BeforeEach
  void setUp() throws Exception {
    Path other = PolicyTables.copyBundled(tmp.resolve("other-replica"));
    PolicyTables.setCell(other.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "5");
    PolicySnapshot edited = new PolicyCompiler(clock).compile(other);
    editedVersion = edited.version();
    editedZip = PolicyBundle.zip(edited);
    archive = new PolicyArchive(tmp.resolve("data/policies"));
    hg = Healguard.open(PolicyTables.copyBundled(tmp.resolve("tables")), LocalStateStore.memory(), clock,
        SafetyEnvelope.DEFAULT, List.of(), archive);
    first = hg.policy().current().version();
  }

  @AfterEach
  void close() {
    hg.close();
  }

  @Test
  void shouldActivateASharedVersionFromItsZipAndArchiveIt() {
    ReloadOutcome o = hg.policy().adopt(editedVersion, editedZip, "sync:" + editedVersion);

    assertThat(o.status()).isEqualTo(ReloadOutcome.Status.ACTIVATED);
    assertThat(hg.policy().current().version()).isEqualTo(editedVersion);
    assertThat(hg.policy().current().source()).isEqualTo(archive.root().resolve(editedVersion));
    assertThat(archive.find(editedVersion).lastActivation().how()).isEqualTo("sync");
    List<AuditEvent> audit = hg.store().audit(new AuditQuery(null, AuditType.POLICY_ACTIVATED, null, 10));
    assertThat(audit).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("sync:" + editedVersion));
  }

  @Test
  void shouldRejectTablesThatDoNotHashToTheSharedVersionAndKeepNoCopy() {
    String claimed = "0".repeat(64);

    ReloadOutcome o = hg.policy().adopt(claimed, editedZip, "sync:" + claimed);

    assertThat(o.status()).isEqualTo(ReloadOutcome.Status.REJECTED);
    assertThat(o.problems().toString()).contains("hash to " + editedVersion.substring(0, 12));
    assertThat(hg.policy().current().version()).isEqualTo(first);
    assertThat(hg.policy().lastRejected()).isEqualTo(o);
    assertThat(Files.exists(archive.root().resolve(claimed))).isFalse();
  }

  @Test
  void shouldRejectAZipWithAPathInsteadOfAFlatTableName() {
    byte[] evil = PolicyBundle.zip(Map.of("../escape.csv", new byte[] {1}));

    ReloadOutcome o = hg.policy().adopt(editedVersion, evil, "sync:" + editedVersion);

    assertThat(o.status()).isEqualTo(ReloadOutcome.Status.REJECTED);
    assertThat(o.problems().toString()).contains("only table files");
    assertThat(Files.exists(tmp.resolve("data/escape.csv"))).isFalse();
    assertThat(hg.policy().current().version()).isEqualTo(first);
  }
}
