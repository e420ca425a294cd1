package io.healguard.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every activated version is kept with its tables; a rollback goes through the gate and is pinned. */
class PolicyArchiveTest {
  @TempDir Path tmp;
  Path tables;
  PolicyArchive archive;
  MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
  Healguard hg;
  String first;

  @BeforeEach
  void setUp() throws Exception {
    tables = PolicyTables.copyBundled(tmp.resolve("tables"));
    archive = new PolicyArchive(tmp.resolve("data/policies"));
    hg = restart();
    first = hg.policy().current().version();
  }

  private Healguard restart() {
    return Healguard.open(tables, LocalStateStore.memory(), clock, SafetyEnvelope.DEFAULT, List.of(), archive);
  }

  @AfterEach
  void close() {
    hg.close();
  }

  /** Activates the bundled tables with the standard tier's maxRestarts at {@code n}. */
  private String activateEdited(String n) throws Exception {
    PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", n);
    clock.advance(Duration.ofMinutes(1)); // the edit is activated a minute after start-up
    return hg.policy().reload("alice").version();
  }

  @Test
  void shouldKeepTheTablesOfEveryActivatedVersionWithWhenAndWhoActivatedIt() throws Exception {
    String edited = activateEdited("5");

    List<ArchivedPolicy> versions = archive.list();

    assertThat(versions).extracting(ArchivedPolicy::version).containsExactly(edited, first);
    assertThat(versions.get(0).lastActivation()).isEqualTo(
        new ArchivedPolicy.Activation(clock.instant(), "alice", "reload"));
    assertThat(versions.get(1).lastActivation().actor()).isEqualTo("startup");
    assertThat(versions.get(1).files()).containsExactly("causes.xlsx", "gates.xlsx", "thresholds.xlsx");
    assertThat(new PolicyCompiler(clock).compile(versions.get(1).dir()).version()).isEqualTo(first);
  }

  @Test
  void shouldFindAVersionByAUniquePrefixOfAtLeastEightDigits() {
    ArchivedPolicy found = archive.find(first.substring(0, 8));

    assertThat(found.version()).isEqualTo(first);
    assertThatThrownBy(() -> archive.find(first.substring(0, 7)))
        .isInstanceOf(UnknownPolicyVersionException.class).hasMessageContaining(first.substring(0, 12));
  }

  @Test
  void shouldRollBackToAnEarlierVersionAndAuditItWithBothVersions() throws Exception {
    String edited = activateEdited("5");

    ReloadOutcome o = hg.policy().rollback(first, "root");

    assertThat(o.status()).isEqualTo(ReloadOutcome.Status.ROLLED_BACK);
    assertThat(hg.policy().current().version()).isEqualTo(first);
    assertThat(hg.policy().current().thresholds(io.healguard.engine.health.Tier.STANDARD).maxRestarts()).isEqualTo(3);
    assertThat(hg.policy().pinned().version()).isEqualTo(first);
    AuditEvent e = hg.store().audit(AuditQuery.latest(10)).stream()
        .filter(a -> a.type() == AuditType.POLICY_ROLLED_BACK).findFirst().orElseThrow();
    assertThat(e.actor()).isEqualTo("root");
    assertThat(e.policyVersion()).isEqualTo(first);
    assertThat(e.detail()).containsEntry("from", edited).containsEntry("to", first);
    assertThat(archive.find(first).lastActivation().how()).isEqualTo("rollback");
  }

  @Test
  void shouldRefuseAnUnknownVersionAndChangeNothing() throws Exception {
    String edited = activateEdited("5");

    assertThatThrownBy(() -> hg.policy().rollback("0123456789abcdef", "root"))
        .isInstanceOf(UnknownPolicyVersionException.class).hasMessageContaining("0123456789abcdef");

    assertThat(hg.policy().current().version()).isEqualTo(edited);
    assertThat(hg.policy().pinned()).isNull();
  }

  @Test
  void shouldRejectARollbackWhoseArchivedTablesFailTheGate() throws Exception {
    String edited = activateEdited("5");
    PolicyTables.setCell(archive.find(first).dir().resolve("thresholds.xlsx"), "DT-THRESHOLDS-001", "maxRestarts", "0");

    ReloadOutcome o = hg.policy().rollback(first, "root");

    assertThat(o.status()).isEqualTo(ReloadOutcome.Status.REJECTED);
    assertThat(o.problems()).isNotEmpty();
    assertThat(hg.policy().current().version()).isEqualTo(edited);
    assertThat(hg.policy().pinned()).isNull();
  }

  @Test
  void shouldKeepTheRollbackWhileTheWatchSeesNoChangeAndEndItAtTheNextFileChange() throws Exception {
    activateEdited("5");
    hg.policy().rollback(first, "root");
    for (int i = 0; i < 10; i++) {
      hg.policy().pollOnce(); // many polls of unchanged files
    }
    assertThat(hg.policy().current().version()).isEqualTo(first);
    Path thresholds = tables.resolve("thresholds.xlsx");
    PolicyTables.setCell(thresholds, "DT-THRESHOLDS-002", "maxRestarts", "6");
    // a later modification time, set explicitly: the change is seen even within the same millisecond
    Files.setLastModifiedTime(thresholds, FileTime.fromMillis(Files.getLastModifiedTime(thresholds).toMillis() + 60_000));

    hg.policy().pollOnce(); // the change is noticed; the watch waits one interval for the writer to finish
    hg.policy().pollOnce(); // still the same change: reloaded, which ends the pin

    assertThat(hg.policy().pinned()).isNull();
    assertThat(hg.policy().current().version()).isNotEqualTo(first);
    assertThat(hg.policy().current().thresholds(io.healguard.engine.health.Tier.STANDARD).maxRestarts()).isEqualTo(6);
  }

  @Test
  void shouldEndTheRollbackAtAnExplicitReload() throws Exception {
    String edited = activateEdited("5");
    hg.policy().rollback(first, "root");

    ReloadOutcome o = hg.policy().reload("alice");

    assertThat(o.status()).isEqualTo(ReloadOutcome.Status.ACTIVATED);
    assertThat(hg.policy().current().version()).isEqualTo(edited);
    assertThat(hg.policy().pinned()).isNull();
    assertThat(archive.pin()).isEmpty();
  }

  @Test
  void shouldKeepARollbackAcrossARestartWhileTheTablesAreUnchanged() throws Exception {
    activateEdited("5");
    hg.policy().rollback(first, "root");
    hg.close();

    hg = restart();

    assertThat(hg.policy().current().version()).isEqualTo(first);
    assertThat(hg.policy().pinned().actor()).isEqualTo("root");
  }

  @Test
  void shouldEndARollbackAtRestartWhenTheTablesChangedMeanwhile() throws Exception {
    activateEdited("5");
    hg.policy().rollback(first, "root");
    hg.close();
    PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "6");

    hg = restart();

    assertThat(hg.policy().current().thresholds(io.healguard.engine.health.Tier.STANDARD).maxRestarts()).isEqualTo(6);
    assertThat(hg.policy().pinned()).isNull();
    assertThat(Files.exists(archive.root().resolve(PolicyArchive.PIN))).isFalse();
  }
}
