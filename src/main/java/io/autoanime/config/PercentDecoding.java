package io.autoanime.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a URL part's {@code %XX} escapes as RFC 3986 and libpq do. Unlike
 * {@link java.net.URLDecoder} (made for HTML form data) it leaves {@code +} a plus.
 */
final class PercentDecoding {
  private PercentDecoding() {}

  /**
   * @param what names the part in the error, never its value ("DATABASE_URL's password")
   * @throws ConfigException when a {@code %} is not followed by two hex digits
   */
  static String decode(String part, String what) {
    if (part.indexOf('%') < 0) {
      return part;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] raw = part.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] != '%') {
        bytes.write(raw[i]);
        continue;
      }
      int high = i + 1 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
      int low = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
      if (high < 0 || low < 0) {
        throw new ConfigException(what + " holds a % that is not followed by two hex digits (write % itself as %25)");
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
