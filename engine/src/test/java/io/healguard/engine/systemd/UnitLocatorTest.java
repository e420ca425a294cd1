package io.healguard.engine.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd.unit(5), "Unit File Load Path" and drop-in directories. */
class UnitLocatorTest {
  @TempDir Path tmp;

  void write(String hostPath, String content) throws Exception {
    Path p = tmp.resolve(hostPath.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  UnitLocator locator() {
    return new UnitLocator(new HostFs(tmp));
  }

  @Test
  void shouldListTheDropInDirectoriesOfAnInstanceInSystemdsOrder() {
    assertThat(UnitLocator.dropInDirNames("ingest-api@blue.service")).containsExactly(
        "ingest-api@blue.service.d", "ingest-api@.service.d", "ingest-.service.d", "service.d");
  }

  @Test
  void shouldLetAHigherDirectoryShadowTheUnitAndADropInOfTheSameName() throws Exception {
    write("/usr/lib/systemd/system/a.service", "[Service]\nExecStart=/old\n");
    write("/etc/systemd/system/a.service", "[Service]\nExecStart=/new\n");
    write("/usr/lib/systemd/system/a.service.d/10-x.conf", "[Service]\n");
    write("/run/systemd/system/a.service.d/10-x.conf", "[Service]\n");
    write("/usr/lib/systemd/system/service.d/05-all.conf", "[Service]\n");

    UnitSource s = locator().find("a.service").orElseThrow();

    assertThat(s.fragment()).isEqualTo("/etc/systemd/system/a.service");
    assertThat(s.dropIns()).containsExactly("/usr/lib/systemd/system/service.d/05-all.conf",
        "/run/systemd/system/a.service.d/10-x.conf");
  }

  @Test
  void shouldMaskAnEmptyUnitFileButNotOneHoldingANewline() throws Exception {
    write("/etc/systemd/system/empty.service", "");
    write("/etc/systemd/system/newline.service", "\n");

    assertThat(locator().find("empty.service").orElseThrow().masked()).isTrue();
    assertThat(locator().find("newline.service").orElseThrow().masked()).isFalse();
  }

  @Test
  void shouldMaskAUnitLinkedToDevNull() throws Exception {
    Files.createDirectories(tmp.resolve("etc/systemd/system"));
    Files.createSymbolicLink(tmp.resolve("etc/systemd/system/a.service"), Path.of("/dev/null"));

    assertThat(locator().find("a.service").orElseThrow().masked()).isTrue();
  }

  @Test
  void shouldFallBackToTheTemplateAndFindConfiguredInstances() throws Exception {
    write("/etc/systemd/system/w@.service", "[Service]\nExecStart=/bin/w %i\n");
    write("/etc/systemd/system/w@green.service.d/override.conf", "[Service]\n");
    Files.createDirectories(tmp.resolve("etc/systemd/system/multi-user.target.wants"));
    Files.createSymbolicLink(tmp.resolve("etc/systemd/system/multi-user.target.wants/w@blue.service"),
        Path.of("/etc/systemd/system/w@.service"));

    assertThat(locator().instancesOf("w@.service")).containsExactly("w@blue.service", "w@green.service");
    assertThat(locator().find("w@blue.service").orElseThrow().fragment()).isEqualTo("/etc/systemd/system/w@.service");
  }

  @Test
  void shouldVisitLibOnceWhenItIsALinkToUsrLib() throws Exception {
    write("/usr/lib/systemd/system/a.service.d/x.conf", "[Service]\n");
    write("/usr/lib/systemd/system/a.service", "[Service]\nExecStart=/bin/a\n");
    Files.createSymbolicLink(tmp.resolve("lib"), Path.of("usr/lib"));

    assertThat(locator().find("a.service").orElseThrow().dropIns()).hasSize(1);
  }
}
