package io.healguard.api.alerting;

import io.healguard.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code POST <url>/api/v2/alerts} to one Alertmanager, with its bearer token (read from its file
 * at each send) and its CA. Blocking, with a timeout: it runs on the target's own sender thread.
 */
final class AlertmanagerClient {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How a send ended: {@code accepted}; else {@code retry} says whether sending the same batch again can help. */
  record Result(boolean accepted, boolean retry, String error) {
    static final Result OK = new Result(true, false, null);
  }

  private final AlertingConfig.Target target;
  private final HttpClient http;
  private final URI endpoint;

  AlertmanagerClient(AlertingConfig.Target target) {
    this.target = target;
    this.endpoint = URI.create(target.name() + "/api/v2/alerts");
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    if (target.caFile() != null) {
      b.sslContext(trusting(target));
    }
    this.http = b.build();
  }

  Result send(List<AmAlert> batch) {
    try {
      HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(batch)));
      if (target.bearerTokenFile() != null) {
        req.header("Authorization", "Bearer " + Files.readString(target.bearerTokenFile()).trim());
      }
      HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      int sc = resp.statusCode();
      if (sc / 100 == 2) {
        return Result.OK;
      }
      String body = resp.body() == null ? "" : resp.body().strip();
      String error = "HTTP " + sc + " from " + endpoint + (body.isEmpty() ? "" : ": " + abbreviate(body));
      // a 4xx names a problem with this batch that sending it again would repeat; 429 and 5xx pass
      return new Result(false, sc == 429 || sc >= 500, error);
    } catch (IOException e) {
      return new Result(false, true, endpoint + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, true, endpoint + ": interrupted");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  /** An SSL context that trusts the certificates of the target's PEM CA file (and nothing else). */
  private static SSLContext trusting(AlertingConfig.Target target) {
    try (InputStream in = Files.newInputStream(target.caFile())) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
      if (i == 0) {
        throw new IllegalArgumentException("alerting.alertmanagers ca_file " + target.caFile() + " holds no PEM certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("alerting.alertmanagers ca_file " + target.caFile() + ": " + e.getMessage(), e);
    }
  }
}
