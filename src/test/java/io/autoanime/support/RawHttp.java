package io.autoanime.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP/1.1 client on a plain socket, so that tests can send requests no HTTP library would write
 * (broken request lines, bodies on GET, lying framing). One connection per request; the request is
 * written on a second thread while the answer is read, as the server may answer (and stop reading)
 * before a large body is all sent.
 */
public final class RawHttp implements AutoCloseable {
  private final int port;
  private final int timeoutMs;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "raw-http-writer");
    thread.setDaemon(true);
    return thread;
  });

  /** What came back: a status and its headers and body, or {@code status} 0 when the server closed without answering. */
  public record Answer(int status, Map<String, String> headers, byte[] body, long millis) {
    public boolean answered() {
      return status > 0;
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Status line, headers and body as text, for assertions that look for a string anywhere in the answer. */
    public String wholeText() {
      return status + " " + headers + " " + bodyText();
    }
  }

  public RawHttp(int port, int timeoutMs) {
    this.port = port;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Sends {@code request} (bytes exactly as given) and reads one answer, skipping 1xx answers but 101.
   *
   * @param head whether the request was a HEAD (the answer then has no body whatever its headers say)
   * @throws SocketTimeoutException when no complete answer came within the timeout
   */
  public Answer exchange(byte[] request, boolean head) throws IOException {
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      OutputStream out = socket.getOutputStream();
      writer.submit(() -> {
        try {
          out.write(request);
          out.flush();
        } catch (IOException ignored) {
          // the server answered and closed before reading it all: the answer is what counts
        }
      });
      InputStream in = new BufferedInputStream(socket.getInputStream());
      long deadline = started + timeoutMs * 1_000_000L;
      while (true) {
        String statusLine = readLine(in, deadline);
        if (statusLine == null) {
          return new Answer(0, Map.of(), new byte[0], elapsed(started));
        }
        int status = parseStatus(statusLine);
        Map<String, String> headers = readHeaders(in, deadline);
        if (status >= 100 && status < 200 && status != 101) {
          continue; // 100 Continue and other interim answers; 101 ends HTTP/1 on this connection
        }
        // An event stream (the live channel) answers with its headers and then stays open by design.
        boolean stream = headers.getOrDefault("content-type", "").startsWith("text/event-stream");
        byte[] body = head || stream || status == 101 || status == 204 || status == 304
            ? new byte[0] : readBody(in, headers, deadline);
        return new Answer(status, headers, body, elapsed(started));
      }
    }
  }

  private static long elapsed(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static int parseStatus(String line) throws IOException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].contains("/") || !parts[1].matches("\\d{3}")) {
      throw new IOException("not an HTTP status line: " + line);
    }
    return Integer.parseInt(parts[1]);
  }

  private static Map<String, String> readHeaders(InputStream in, long deadline) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = readLine(in, deadline)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
    }
    return headers;
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers, long deadline) throws IOException {
    if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = readLine(in, deadline);
        if (sizeLine == null) {
          throw new IOException("the connection closed inside a chunked answer");
        }
        int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
        if (size == 0) {
          readHeaders(in, deadline); // trailers
          return body.toByteArray();
        }
        body.write(readExactly(in, size, deadline));
        readLine(in, deadline);
      }
    }
    String length = headers.get("content-length");
    if (length != null) {
      return readExactly(in, Integer.parseInt(length), deadline);
    }
    return readUntilClosed(in, deadline);
  }

  private static byte[] readExactly(InputStream in, int size, long deadline) throws IOException {
    byte[] bytes = new byte[size];
    int read = 0;
    while (read < size) {
      checkDeadline(deadline);
      int n = in.read(bytes, read, size - read);
      if (n < 0) {
        throw new IOException("the connection closed after " + read + " of " + size + " body bytes");
      }
      read += n;
    }
    return bytes;
  }

  private static byte[] readUntilClosed(InputStream in, long deadline) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      checkDeadline(deadline);
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  /** A line without its CRLF, or null at the end of the stream before any byte of it. */
  private static String readLine(InputStream in, long deadline) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      checkDeadline(deadline);
      int b;
      try {
        b = in.read();
      } catch (java.net.SocketException e) {
        if (line.size() == 0) {
          return null; // reset by the server before an answer: closed without answering
        }
        throw e;
      }
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
  }

  private static void checkDeadline(long deadline) throws SocketTimeoutException {
    if (System.nanoTime() > deadline) {
      throw new SocketTimeoutException("no complete answer within the time allowed");
    }
  }

  /** The lines of a raw request, for messages. */
  public static List<String> describe(byte[] request, int maxBodyChars) {
    String text = new String(request, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    List<String> lines = new ArrayList<>();
    String head = headEnd < 0 ? text : text.substring(0, headEnd);
    lines.addAll(List.of(head.split("\r\n", -1)));
    if (headEnd >= 0) {
      String body = text.substring(headEnd + 4);
      lines.add("");
      lines.add(body.length() > maxBodyChars ? body.substring(0, maxBodyChars) + "... (" + body.length() + " bytes)" : body);
    }
    return lines;
  }

  @Override
  public void close() {
    writer.shutdownNow();
  }
}
