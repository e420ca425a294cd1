package io.healguard.engine.contract.internal;

import io.healguard.engine.contract.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract's env file merged into what the host has. The renderer owns the marked block, any
 * assignment of the five contract keys (they are the contract's to set) and the two header lines
 * an older healguard wrote; every other line stays as it is, in its order (comments, the
 * application's own keys). The block takes the place of the old block, else of the first owned
 * line, else goes at the end; each owned line that goes away is noted with its old text.
 */
public final class EnvFileMerge {
  public static final String BEGIN = "# BEGIN healguard runtime contract";
  public static final String END = "# END healguard runtime contract";
  private static final Pattern ASSIGNMENT = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=.*");
  private static final List<String> KEYS = Contract.ENV_VARIABLES;
  private static final List<String> OLD_HEADER = List.of("# Rendered by healguard contract render from ",
      "# Do not edit: change the contract and render again.");

  /** The merged text and what the operator should know about it. */
  public record Result(String content, List<String> notes) {}

  private EnvFileMerge() {}

  /** {@code existing} is the file's text on the host, or null when it does not exist. */
  public static Result merge(String path, String existing, Contract contract, String source) {
    List<String> lines = existing == null || existing.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(existing.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // the final newline
    }
    List<String> block = block(contract, source);
    List<String> notes = new ArrayList<>();
    List<String> out = new ArrayList<>();
    int blockAt = -1;
    boolean inBlock = false;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!inBlock && l.startsWith(BEGIN) && lines.subList(i, lines.size()).stream().anyMatch(x -> x.startsWith(END))) {
        inBlock = true;
        blockAt = blockAt < 0 ? out.size() : blockAt;
        continue;
      }
      if (inBlock) {
        inBlock = !l.startsWith(END);
        continue;
      }
      Matcher m = ASSIGNMENT.matcher(l);
      if (m.matches() && KEYS.contains(m.group(1))) {
        notes.add(path + ":" + (i + 1) + " '" + l.strip() + "' " + (block.contains(l.strip().replaceFirst("^export\\s+", ""))
            ? "moves into the healguard block" : "is replaced by the contract's " + m.group(1) + " in the healguard block"));
        blockAt = blockAt < 0 ? out.size() : blockAt;
        continue;
      }
      if (OLD_HEADER.stream().anyMatch(l::startsWith)) {
        continue; // an older render's own header; the block names its source now
      }
      out.add(l);
    }
    if (blockAt < 0) {
      blockAt = out.size(); // no blank line before it: deleting the block gives the file back byte for byte
    }
    out.addAll(blockAt, block);
    return new Result(String.join("\n", out) + "\n", notes);
  }

  private static List<String> block(Contract c, String source) {
    Map<String, String> keys = c.envVariables();
    List<String> block = new ArrayList<>();
    block.add(BEGIN + ": rendered from " + source + ".");
    block.add("# healguard contract render rewrites the lines up to END; the rest of this file is left as it is.");
    keys.forEach((k, v) -> block.add(k + "=" + quote(v)));
    block.add(END);
    return block;
  }

  // systemd and bash both read "a b" as one value; plain paths stay unquoted for grep-ability
  static String quote(String v) {
    return v.matches("[A-Za-z0-9_./@%+:=-]+") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
