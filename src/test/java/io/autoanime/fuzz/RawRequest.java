package io.autoanime.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One HTTP/1.1 request as bytes on the wire, well formed or not.
 *
 * @param method the method token as sent (may be odd or invalid)
 * @param target the request target: path and query, as sent (raw non-ASCII is sent as UTF-8)
 * @param version the protocol, e.g. {@code HTTP/1.1}; empty sends a request line without one
 * @param headers header lines, {@code Name: value} (or any text: a line without a colon is malformed)
 * @param body the body's bytes
 * @param framing how the body is delimited
 */
public record RawRequest(String method, String target, String version, List<String> headers, byte[] body, Framing framing) {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /** How the body is delimited. Never a length longer than the body: that is an unfinished request, not a bad one. */
  public enum Framing {
    /** Content-Length (none for an empty body). */
    LENGTH,
    /** Content-Length: 0 with no body. */
    ZERO_LENGTH,
    /** Transfer-Encoding: chunked, well formed. */
    CHUNKED,
    /** Transfer-Encoding: chunked with a chunk size that is not hex. */
    CHUNKED_BROKEN,
    /** Content-Length that is not a number. */
    LENGTH_NOT_A_NUMBER,
    /** Content-Length and Transfer-Encoding both. */
    LENGTH_AND_CHUNKED,
    /** A Content-Length shorter than the body: the rest reads as a second, malformed request. */
    LENGTH_SHORT;

    /** Framing after which a server may close the connection without answering (it cannot find the request's end). */
    public boolean broken() {
      return this == CHUNKED_BROKEN || this == LENGTH_NOT_A_NUMBER || this == LENGTH_AND_CHUNKED;
    }
  }

  /** Whether the request line names HTTP/1.0 or HTTP/1.1, the versions an HTTP/1 server speaks. */
  public boolean httpOneDotX() {
    return version.equals("HTTP/1.1") || version.equals("HTTP/1.0");
  }

  public boolean head() {
    return "HEAD".equals(method);
  }

  /** GET, HEAD, OPTIONS and TRACE change nothing whatever they carry; other methods may write when accepted. */
  public boolean safe() {
    return SAFE.contains(method);
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + " " + target + (version.isEmpty() ? "" : " " + version) + "\r\n").getBytes(StandardCharsets.UTF_8));
    StringBuilder head = new StringBuilder();
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    switch (framing) {
      case LENGTH -> {
        if (body.length > 0) {
          head.append("Content-Length: ").append(body.length).append("\r\n");
        }
      }
      case ZERO_LENGTH -> head.append("Content-Length: 0\r\n");
      case CHUNKED, CHUNKED_BROKEN -> head.append("Transfer-Encoding: chunked\r\n");
      case LENGTH_NOT_A_NUMBER -> head.append("Content-Length: twelve\r\n");
      case LENGTH_AND_CHUNKED -> head.append("Content-Length: ").append(body.length).append("\r\nTransfer-Encoding: chunked\r\n");
      case LENGTH_SHORT -> head.append("Content-Length: ").append(body.length / 2).append("\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    switch (framing) {
      case LENGTH, LENGTH_NOT_A_NUMBER, LENGTH_SHORT -> out.writeBytes(body);
      case ZERO_LENGTH -> { }
      case CHUNKED, LENGTH_AND_CHUNKED -> writeChunks(out, body, false);
      case CHUNKED_BROKEN -> writeChunks(out, body, true);
    }
    return out.toByteArray();
  }

  private static void writeChunks(ByteArrayOutputStream out, byte[] body, boolean broken) {
    int chunk = 7000;
    for (int start = 0; start < body.length; start += chunk) {
      int length = Math.min(chunk, body.length - start);
      String size = broken ? "zz" + Integer.toHexString(length) : Integer.toHexString(length);
      out.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, start, length);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes((broken && body.length == 0 ? "zz\r\n\r\n" : "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** The request as a reader wants to see it in a failure message: request line, headers, the start of the body. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(method + " " + clip(target, 300) + (version.isEmpty() ? "" : " " + version));
    for (String header : headers) {
      text.append(" | ").append(clip(header, 120));
    }
    text.append(" | framing ").append(framing.name().toLowerCase(Locale.ROOT));
    text.append(" | body ").append(body.length).append(" bytes");
    if (body.length > 0) {
      text.append(": ").append(printable(body, 200));
    }
    return text.toString();
  }

  private static String clip(String text, int max) {
    return text.length() > max ? text.substring(0, max) + "...(" + text.length() + " chars)" : text;
  }

  private static String printable(byte[] bytes, int max) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, max); i++) {
      int b = bytes[i] & 0xff;
      text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return bytes.length > max ? text + "..." : text.toString();
  }
}
