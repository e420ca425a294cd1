package io.healguard.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no client library would send (no Host, a bad chunk
 * size, a made-up method, a body cut short). Reads one response: its status line, headers and a
 * Content-Length body, or to the end of the stream.
 */
public final class RawHttp {
  private RawHttp() {}

  /** One parsed response; {@code status} -1 when the server closed without answering. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String contentType() {
      String c = header("content-type");
      return c == null ? "" : c;
    }
  }

  /** Sends {@code request} as is (ISO-8859-1 bytes) and reads the answer, waiting at most {@code timeoutMs}. */
  public static Response exchange(int port, String request, int timeoutMs) throws IOException {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), timeoutMs, false);
  }

  /** {@code halfClose}: shuts our output after sending, as a client that sent a truncated body and left. */
  public static Response exchange(int port, byte[] request, int timeoutMs, boolean halfClose) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
      s.setSoTimeout(timeoutMs);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (halfClose) s.shutdownOutput();
      } catch (IOException closedWhileSending) {
        // the server may answer and close before a large request is all sent: read what it said
      }
      boolean head = request.length >= 5 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
      return read(s.getInputStream(), head);
    }
  }

  /** Reads one response from {@code in}; {@code head}: the answer to a HEAD, without a body. */
  public static Response read(InputStream in, boolean headRequest) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    try {
      while (state < 4) {
        int b = in.read();
        if (b < 0) break;
        head.write(b);
        state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      if (head.size() == 0) return new Response(-1, Map.of(), "");
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    if (text.isEmpty()) return new Response(-1, Map.of(), "");
    String[] lines = text.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
    }
    String len = headers.get("content-length");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      if (headRequest) {
        // no body follows a HEAD answer, whatever its Content-Length says
      } else if (len != null) {
        int n = Integer.parseInt(len);
        byte[] buf = in.readNBytes(n);
        body.write(buf);
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body.write(in.readAllBytes()); // not parsed: only the status and headers are asserted then
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // a partial body: the assertions on it say what arrived
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }
}
