package io.healguard.api.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = HealguardCommand.class.getPackage().getImplementationVersion();
    return new String[] {"healguard " + (v == null ? "dev" : v)};
  }
}
