package io.healguard.engine.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.systemd.HostFs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathLookupTest {
  @TempDir Path tmp;

  Optional<String> find(TestHost host, String name, String... dirs) {
    return PathLookup.find(new CheckContext(TestHost.CONTRACT, new HostFs(host.root)), name, List.of(dirs));
  }

  @Test
  void shouldFindTheFirstFileOnPath() {
    TestHost host = new TestHost(tmp).file("/usr/local/bin/python3", "").file("/usr/bin/python3", "");

    assertThat(find(host, "python3", "/usr/local/bin", "/usr/bin")).contains("/usr/local/bin/python3");
  }

  @Test
  void shouldTakeTheContractsBinToHoldOnlyItsOwnInterpreterVersions() {
    TestHost host = new TestHost(tmp).file("/usr/bin/python3.10", "");

    assertThat(find(host, "python3", "/opt/conda/envs/ingest/bin", "/usr/bin")).contains("/opt/conda/envs/ingest/bin/python3");
    assertThat(find(host, "python3.10", "/opt/conda/envs/ingest/bin", "/usr/bin")).contains("/usr/bin/python3.10");
  }

  @Test
  void shouldTakeAnotherEnvironmentsBinToHoldWhicheverPythonIsAsked() {
    assertThat(find(new TestHost(tmp), "python3.10", "/opt/conda/envs/old/bin")).contains("/opt/conda/envs/old/bin/python3.10");
  }

  @Test
  void shouldFindNothingForAProgramNoDirectoryHolds() {
    assertThat(find(new TestHost(tmp), "gunicorn", "/opt/conda/envs/ingest/bin", "/usr/bin")).isEmpty();
  }
}
