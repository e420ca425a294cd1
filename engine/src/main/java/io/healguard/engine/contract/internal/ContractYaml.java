package io.healguard.engine.contract.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.contract.Contract;
import io.healguard.engine.contract.ContractFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a contract file. Unknown and duplicate keys are errors, not warnings: a typo such as
 * {@code pyhton:} would otherwise silently leave the real key unset or keep an old value.
 */
public final class ContractYaml {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ContractYaml() {}

  public static Contract read(Path file) {
    return readFile(file).contract();
  }

  /** The contract and where each key and list entry is, for findings that point at the contract. */
  public static ContractFile readFile(Path file) {
    try {
      String yaml = Files.readString(file);
      return new ContractFile(file.toString(), parse(yaml), locate(yaml));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("contract " + file + ": file not found");
    } catch (IOException e) {
      throw new InvalidInputException("contract " + file + ": cannot read: " + e.getMessage(), e);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("contract " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Key and list-entry lines from the token stream; entries are keyed {@code key NUL value}. A
   * YAML document that does not parse has been refused by {@link #parse} before this runs.
   */
  static Map<String, Integer> locate(String yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = YAML.getFactory().createParser(yaml)) {
      int depth = 0;
      String key = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        int line = p.currentTokenLocation().getLineNr();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        } else if (t == JsonToken.FIELD_NAME && depth == 1) {
          key = p.currentName();
          lines.putIfAbsent(key, line);
        } else if (t.isScalarValue() && depth == 2 && key != null) {
          lines.putIfAbsent(key + "\0" + p.getText(), line);
        }
      }
    }
    return lines;
  }

  public static Contract parse(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(
          "a contract must be a YAML mapping with the keys " + String.join(", ", Contract.KEYS));
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!Contract.KEYS.contains(e.getKey())) {
        throw InvalidInputException.field(
            e.getKey(), e.getValue().asText(e.getValue().toString()),
            "absent: it is not a contract key (allowed: " + String.join(", ", Contract.KEYS) + ")");
      }
    }
    return new Contract(
        text(root, "root_prefix"),
        text(root, "env_name"),
        text(root, "env_prefix"),
        text(root, "python"),
        text(root, "working_dir"),
        text(root, "env_file"),
        list(root, "units"),
        list(root, "scripts"),
        text(root, "watchdog_config"));
  }

  private static String text(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw InvalidInputException.field(key, n.toString(), "a single value");
    }
    return n.asText();
  }

  private static List<String> list(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw InvalidInputException.field(key, n.asText(n.toString()), "a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : n) {
      if (!item.isValueNode() || item.isNull()) {
        throw InvalidInputException.field(key, item.toString(), "a list of strings");
      }
      out.add(item.asText());
    }
    return out;
  }
}
