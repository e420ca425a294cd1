package io.healguard.engine.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The one Jackson configuration: ISO timestamps, no nulls, unknown properties rejected. */
public final class Json {
  public static final ObjectMapper MAPPER = configure(new ObjectMapper());
  public static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

  /** The deepest nesting a request body may have; the API's documents are two levels deep. */
  public static final int MAX_BODY_DEPTH = 32;

  /**
   * Request bodies (I-JSON, RFC 7493): exactly one document, no trailing data, no duplicate key
   * (with Jackson's default the last one would silently win), nesting bounded.
   */
  private static final ObjectReader STRICT = new ObjectMapper(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_BODY_DEPTH).build())
          .build())
      .reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  /**
   * One JSON document from a client, strictly (see {@link #STRICT}).
   *
   * @throws JsonProcessingException naming what is wrong and where
   */
  public static JsonNode strictTree(byte[] body) throws java.io.IOException {
    return STRICT.readTree(body);
  }

  private static ObjectMapper configure(ObjectMapper m) {
    m.registerModule(new JavaTimeModule());
    m.registerModule(new BlackbirdModule());
    // registered after JavaTimeModule, so it wins for Instant; same text, less CPU
    m.registerModule(new SimpleModule("healguard-instants").addSerializer(Instant.class, new InstantFormat()));
    m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    m.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    return m;
  }

  public static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** UTF-8 bytes: what an HTTP body needs, without a String in between. */
  public static byte[] bytes(Object o) {
    try {
      return MAPPER.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
