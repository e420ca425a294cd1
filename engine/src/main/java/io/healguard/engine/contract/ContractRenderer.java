package io.healguard.engine.contract;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.contract.internal.DropInText;
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
 * Renders what consumers load from a contract: the env file, and per unit a drop-in
 * {@code 10-runtime-contract.conf} that loads it, sets the working directory and replaces
 * ExecStart with the contract's interpreter while keeping the unit's own arguments. Output is a
 * pure function of the contract file and the unit files (byte-identical on re-render); each file
 * names the contract and its sha-256 so an operator can tell which contract a host runs.
 */
public final class ContractRenderer {
  public static final String DROP_IN_NAME = "10-runtime-contract.conf";

  /** One file to install, by host path (e.g. {@code /etc/app/runtime.env}). */
  public record RenderedFile(String hostPath, String content) {}

  /** The files, in a stable order, and notes for the operator (things the drop-ins cannot fix). */
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
   * Renders from a contract file, reading each unit's ExecStart from the host under {@code root}.
   * Throws {@link InvalidInputException} for a bad contract or a unit that cannot be found:
   * inventing a command line for a unit we cannot read would be worse than stopping.
   */
  public static Rendering render(Path contractFile, Path root) {
    Contract contract = Contract.load(contractFile);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(contractFile);
    } catch (IOException e) {
      throw new InvalidInputException("contract " + contractFile + ": cannot read: " + e.getMessage(), e);
    }
    String header = "# Rendered by healguard contract render from " + contractFile.toAbsolutePath().normalize()
        + " (sha-256 " + sha256(bytes) + ").\n"
        + "# Do not edit: change the contract and render again.\n";
    return new DropInText(contract, root, header).render();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
