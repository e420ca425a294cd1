package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.CondaLayout;
import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.drift.FindingKind;
import io.healguard.engine.drift.Severity;
import io.healguard.engine.drift.internal.Value.Expansion;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import io.healguard.engine.systemd.Passwd;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one check accumulates while its readers walk the host: findings, references to judge, and
 * which variable assignments some consumer used. A contract variable's value that no consumer
 * expands only sits in a process's environment, so it is judged at its assignment as a warning
 * at most; one that is expanded is judged at the consumer's line instead. One per check; not
 * thread-safe.
 */
public final class CheckContext {
  private final Contract contract;
  private final HostFs fs;
  private final CondaLayout layout;
  private final Judge judge;
  private final Passwd passwd;
  private final List<DriftFinding> findings = new ArrayList<>();
  private final List<Reference> refs = new ArrayList<>();
  private final Set<Located> consumed = new HashSet<>();
  private final Map<Located, Reference> environmentValues = new LinkedHashMap<>();
  private boolean envFileLoadAttempted;

  public CheckContext(Contract contract, HostFs fs) {
    this.contract = contract;
    this.fs = fs;
    this.layout = new CondaLayout(contract, fs);
    this.judge = new Judge(contract, fs, layout);
    this.passwd = new Passwd(fs);
  }

  public Contract contract() {
    return contract;
  }

  public HostFs fs() {
    return fs;
  }

  public CondaLayout layout() {
    return layout;
  }

  public Judge judge() {
    return judge;
  }

  public Passwd passwd() {
    return passwd;
  }

  public void add(DriftFinding f) {
    findings.add(f);
  }

  public void ref(Reference r) {
    refs.add(r);
  }

  public void finding(FindingKind kind, Severity severity, Site site, String message, String expected, String actual) {
    findings.add(DriftFinding.of(kind, severity, site.file(), site.line(), message, expected, actual, site.unit()));
  }

  /** Some consumer tried to load the contract's env file (found or not). */
  public void envFileLoadAttempted() {
    envFileLoadAttempted = true;
  }

  public boolean wasEnvFileLoadAttempted() {
    return envFileLoadAttempted;
  }

  /**
   * A consumer used these variables at {@code site}: each contract variable it expanded is either
   * unset there (an error at the site: what runs gets an empty word) or set (its assignment is
   * used, so it is judged through the value the consumer runs, not on its own).
   */
  public void used(List<Expansion> expansions, Site site, String where, String whyUnset) {
    for (Expansion e : expansions) {
      if (!ContractVariables.isContractVariable(e.name())) {
        continue;
      }
      if (e.value() == null) {
        String expected = ContractVariables.values(contract).get(e.name());
        finding(ContractVariables.kind(e.name()), Severity.ERROR, site,
            where + " expands $" + e.name() + ", which is not set here: " + whyUnset, expected, "(unset)");
      } else if (e.value().origin() != null) {
        consumed.add(e.value().origin());
      }
    }
  }

  /**
   * A contract variable assigned in some environment; judged at the end, as a warning, unless a
   * consumer used it. {@code how} says who carries the value.
   */
  public void environmentValue(String name, Value v, Site site, String how) {
    if (!ContractVariables.isContractVariable(name) || v.origin() == null || Classifier.unresolved(v.text())) {
      return;
    }
    Reference r = Reference.of(ContractVariables.referenceKind(name), v.text(), site, name + "=")
        .how(how)
        .severity(Severity.WARNING);
    environmentValues.putIfAbsent(v.origin(), r);
  }

  /** Every finding: those added directly, then the judged references. */
  public List<DriftFinding> finish() {
    List<DriftFinding> out = new ArrayList<>(findings);
    for (Reference r : refs) {
      judge.judge(r).ifPresent(out::add);
    }
    environmentValues.forEach((origin, r) -> {
      if (!consumed.contains(origin)) {
        judge.judge(r).ifPresent(out::add);
      }
    });
    return out;
  }
}
