package io.healguard.api.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * POSTs one report with the JDK's HTTP client. A connection failure or a 5xx is retried with a growing,
 * jittered pause until the deadline (hooks of many units failing at once must not hammer a
 * service that is starting); any other answer is final.
 */
final class ReportClient {
  static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  static final Duration MAX_PAUSE = Duration.ofSeconds(2);
  private static final Duration MAX_CONNECT = Duration.ofSeconds(3);
  private static final int MAX_ANSWER = 1024 * 1024;

  private final Duration limit;

  ReportClient(Duration limit) {
    this.limit = limit;
  }

  /**
   * What the last attempt got: an HTTP status and body, or (status 0) why no answer came.
   *
   * @param attempts how many requests were sent
   */
  record Answer(int status, String body, String error, URI uri, int attempts, Duration limit) {
    boolean unreachable() {
      return status == 0;
    }

    /** The problem's detail (or the body) of a non-2xx answer. */
    String problem() {
      Map<String, Object> n = ReportJson.readObject(body);
      String detail = n == null ? null : ReportJson.text(n, "detail");
      if (detail != null) {
        return detail;
      }
      String b = body == null ? "" : body.strip();
      return b.length() > 300 ? b.substring(0, 300) + "..." : b;
    }

    /** One line for stderr. */
    String failure() {
      String tries = attempts == 1 ? "1 attempt" : attempts + " attempts";
      if (unreachable()) {
        return uri + " could not be reached within " + io.healguard.engine.json.Durations.format(limit)
            + " (" + tries + "): " + error;
      }
      if (status >= 500) {
        return uri + " answered " + status + " until --timeout " + io.healguard.engine.json.Durations.format(limit)
            + " ran out (" + tries + "): " + problem();
      }
      if (status == 401) {
        // HttpURLConnection keeps no body of a 401 in streaming mode: the status says enough
        String why = problem();
        return "the service refused the token (401" + (why.isEmpty() ? ")" : "): " + why) + "; check the token file";
      }
      if (status == 403) {
        return "the token may not report (403): " + problem() + "; it needs role reporter or higher";
      }
      if (status >= 300 && status < 400) {
        return uri + " answered " + status + " (a redirect): point --url at the service itself";
      }
      return "the service refused the report (" + status + "): " + problem();
    }
  }

  Answer send(URI uri, String token, Map<String, Object> report) {
    long deadline = System.nanoTime() + limit.toNanos();
    byte[] body = ReportJson.write(report).getBytes(StandardCharsets.UTF_8);
    Duration pause = FIRST_PAUSE;
    int attempts = 0;
    while (true) {
      attempts++;
      Answer a;
      try {
        a = attempt(uri, token, body, Duration.ofNanos(deadline - System.nanoTime()), attempts);
        if (a.status() < 500) {
          return a;
        }
      } catch (IOException e) {
        a = new Answer(0, null, reason(e), uri, attempts, limit);
      }
      long wait = ThreadLocalRandom.current().nextLong(pause.toMillis() / 2, pause.toMillis() + 1);
      long remaining = (deadline - System.nanoTime()) / 1_000_000;
      if (remaining <= wait) {
        return a;
      }
      try {
        // a real pause between attempts at a real socket; the deadline bounds the loop
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return a;
      }
      pause = min(pause.multipliedBy(2), MAX_PAUSE);
    }
  }

  /**
   * One POST through {@link HttpURLConnection}: for a plain http:// service it loads no TLS at all,
   * where {@code java.net.http.HttpClient} builds the default TLS context and its reactive
   * machinery on every start (docs/install.md, "How fast the hook starts", has both numbers).
   * Fixed-length streaming also keeps the JDK from silently sending a failed POST twice.
   */
  private Answer attempt(URI uri, String token, byte[] body, Duration left, int attempts) throws IOException {
    int leftMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, left.toMillis()));
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    try {
      c.setConnectTimeout((int) Math.min(leftMs, MAX_CONNECT.toMillis()));
      c.setReadTimeout(leftMs);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setDoOutput(true);
      c.setRequestMethod("POST");
      c.setFixedLengthStreamingMode(body.length);
      c.setRequestProperty("Authorization", "Bearer " + token);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("Accept", "application/json");
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String text = "";
      if (in != null) {
        try (in) {
          text = new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
        }
      }
      return new Answer(status, text, null, uri, attempts, limit);
    } finally {
      c.disconnect();
    }
  }

  private static String reason(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "Connect timed out".equalsIgnoreCase(e.getMessage()) ? "connect timed out" : "no answer before the deadline";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
