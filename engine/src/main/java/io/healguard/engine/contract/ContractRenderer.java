package io.healguard.engine.contract;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.contract.internal.DropInText;
import io.healguard.engine.contract.internal.EnvFileMerge;
import io.healguard.engine.contract.internal.UnifiedDiff;
import io.healguard.engine.systemd.HostFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Renders what consumers load from a contract, against the host under a root: the env file with
 * the five contract keys in a marked block and every other line of the host's file kept, and per
 * unit a drop-in {@code 10-runtime-contract.conf} that loads it, sets the working directory and
 * rewrites each {@code Exec*=} line running an interpreter or an environment's tool while keeping
 * its own arguments. Output is a pure function of the contract file and the host's files
 * (rendering twice gives the same bytes); each file names the contract and its sha-256.
 */
public final class ContractRenderer {
  public static final String DROP_IN_NAME = DropInText.NAME;

  /** One file to install, by host path, and what the host holds there now (null: nothing). */
  public record RenderedFile(String hostPath, String content, String current) {
    public boolean changes() {
      return !content.equals(current);
    }

    /** A unified diff against the host's current file; empty when nothing would change. */
    public String diff() {
      return UnifiedDiff.of(hostPath, current, content);
    }
  }

  /** The files, in a stable order, and notes for the operator (lines left alone, things the drop-ins cannot fix). */
  public record Rendering(List<RenderedFile> files, List<String> notes) {
    public Rendering {
      files = List.copyOf(files);
      notes = List.copyOf(notes);
    }

    /** Writes every file under {@code outDir} at its host path; returns the local paths written. */
    public List<Path> writeTo(Path outDir) {
      List<Path> written = new ArrayList<>();
      for (RenderedFile f : files) {
        Path p = outDir.resolve(f.hostPath().substring(1));
        try {
          Files.createDirectories(p.getParent());
          Files.writeString(p, f.content(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException("write " + p, e);
        }
        written.add(p);
      }
      return written;
    }
  }

  private ContractRenderer() {}

  /**
   * Renders from a contract file against the host under {@code root}. Throws
   * {@link InvalidInputException} for a bad contract or a unit that cannot be found: inventing a
   * command line for a unit we cannot read would be worse than stopping.
   */
  public static Rendering render(Path contractFile, Path root) {
    Contract contract = Contract.load(contractFile);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(contractFile);
    } catch (IOException e) {
      throw new InvalidInputException("contract " + contractFile + ": cannot read: " + e.getMessage(), e);
    }
    String source = contractFile.toAbsolutePath().normalize() + " (sha-256 " + sha256(bytes) + ")";
    HostFs fs = new HostFs(root);
    List<String> notes = new ArrayList<>();
    List<RenderedFile> files = new ArrayList<>();
    String currentEnv = current(fs, contract.envFile());
    EnvFileMerge.Result env = EnvFileMerge.merge(contract.envFile(), currentEnv, contract, source);
    notes.addAll(env.notes());
    files.add(new RenderedFile(contract.envFile(), env.content(), currentEnv));
    String header = "# Rendered by healguard contract render from " + source + ".\n"
        + "# Do not edit: change the contract and render again.\n";
    DropInText dropIns = new DropInText(contract, fs, header);
    for (String unit : contract.units()) {
      String path = DropInText.path(unit);
      files.add(new RenderedFile(path, dropIns.render(unit, notes), current(fs, path)));
    }
    return new Rendering(files, notes);
  }

  private static String current(HostFs fs, String hostPath) {
    return fs.readString(hostPath).orElse(null);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
