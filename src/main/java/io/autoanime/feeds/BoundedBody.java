package io.autoanime.feeds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A response body decoded (identity, gzip or deflate) as its chunks arrive, refused as soon as the
 * decoded bytes pass a limit. Decoding is pushed chunk by chunk, so a gzip bomb is stopped after
 * inflating at most the limit plus one 64 KiB buffer, whatever it would grow to. (The JDK's
 * {@code GZIPInputStream} pulls from a blocking stream, which an event loop cannot give it.)
 */
final class BoundedBody {
  /** The decoded body passed the limit. */
  static final class TooLargeException extends IOException {
    TooLargeException() {
      super("over the size limit");
    }
  }

  private final Decoder decoder;
  private final long maxBytes;
  private final ByteArrayOutputStream decoded;

  private BoundedBody(Decoder decoder, long maxBytes) {
    this.decoder = decoder;
    this.maxBytes = maxBytes;
    this.decoded = new ByteArrayOutputStream((int) Math.min(maxBytes, 64 * 1024));
  }

  /** For a {@code Content-Encoding} header value (null: none); a {@link ZipException} for one we did not ask for. */
  static BoundedBody forEncoding(String contentEncoding, long maxBytes) throws ZipException {
    String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    Decoder decoder = switch (encoding) {
      case "", "identity" -> new Identity();
      case "gzip", "x-gzip" -> new Gunzip();
      case "deflate" -> new Deflate();
      default -> throw new ZipException("the server used a content encoding that was not asked for (" + shortened(encoding) + ")");
    };
    return new BoundedBody(decoder, maxBytes);
  }

  void append(byte[] chunk) throws IOException {
    decoder.decode(chunk, this::write);
  }

  byte[] finish() throws IOException {
    decoder.finish();
    return decoded.toByteArray();
  }

  private void write(byte[] bytes, int offset, int length) throws TooLargeException {
    if (decoded.size() + (long) length > maxBytes) {
      throw new TooLargeException();
    }
    decoded.write(bytes, offset, length);
  }

  private static String shortened(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  @FunctionalInterface
  private interface Output {
    void write(byte[] bytes, int offset, int length) throws TooLargeException;
  }

  private interface Decoder {
    void decode(byte[] chunk, Output out) throws IOException;

    void finish() throws IOException;
  }

  private static final class Identity implements Decoder {
    @Override
    public void decode(byte[] chunk, Output out) throws IOException {
      out.write(chunk, 0, chunk.length);
    }

    @Override
    public void finish() {}
  }

  /** Runs an {@link Inflater} over pushed input, 64 KiB of output at a time. */
  private abstract static class Inflating implements Decoder {
    private final byte[] buffer = new byte[64 * 1024];

    /** Inflates all the input the inflater holds (or up to the end of its stream); answers the bytes it did not use. */
    int inflate(Inflater inflater, byte[] input, int offset, Output out, CRC32 crc) throws IOException {
      inflater.setInput(input, offset, input.length - offset);
      while (!inflater.finished() && !inflater.needsInput()) {
        int length;
        try {
          length = inflater.inflate(buffer);
        } catch (DataFormatException e) {
          throw new ZipException("corrupt compressed data (" + e.getMessage() + ")");
        }
        if (length == 0) {
          if (inflater.needsDictionary()) {
            throw new ZipException("compressed data that needs a preset dictionary");
          }
          break;
        }
        if (crc != null) {
          crc.update(buffer, 0, length);
        }
        out.write(buffer, 0, length);
      }
      return inflater.finished() ? inflater.getRemaining() : 0;
    }
  }

  /** RFC 1952, several members in a row included; padding after the last member is ignored, as {@code GZIPInputStream} does. */
  private static final class Gunzip extends Inflating {
    private static final int MAX_HEADER = 64 * 1024;

    private enum Stage { HEADER, DATA, TRAILER, NEXT_MEMBER, IGNORED }

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private Stage stage = Stage.HEADER;
    private byte[] pending = new byte[0];
    private boolean anyInput;

    @Override
    public void decode(byte[] chunk, Output out) throws IOException {
      anyInput |= chunk.length > 0;
      byte[] data = pending.length == 0 ? chunk : concat(pending, chunk);
      pending = new byte[0];
      int position = 0;
      while (position < data.length) {
        switch (stage) {
          case HEADER -> {
            int length = headerLength(data, position);
            if (length < 0) {
              keep(data, position);
              return;
            }
            position += length;
            inflater.reset();
            crc.reset();
            stage = Stage.DATA;
          }
          case DATA -> {
            int unused = inflate(inflater, data, position, out, crc);
            if (inflater.finished()) {
              position = data.length - unused;
              stage = Stage.TRAILER;
            } else {
              position = data.length;
            }
          }
          case TRAILER -> {
            if (data.length - position < 8) {
              keep(data, position);
              return;
            }
            if (littleEndianInt(data, position) != (int) crc.getValue()) {
              throw new ZipException("corrupt gzip data (CRC mismatch)");
            }
            if (littleEndianInt(data, position + 4) != (int) inflater.getBytesWritten()) {
              throw new ZipException("corrupt gzip data (length mismatch)");
            }
            position += 8;
            stage = Stage.NEXT_MEMBER;
          }
          case NEXT_MEMBER -> {
            if (data.length - position < 2) {
              keep(data, position);
              return;
            }
            stage = data[position] == (byte) 0x1f && data[position + 1] == (byte) 0x8b ? Stage.HEADER : Stage.IGNORED;
          }
          case IGNORED -> {
            return;
          }
        }
      }
    }

    @Override
    public void finish() throws IOException {
      boolean complete = stage == Stage.NEXT_MEMBER || stage == Stage.IGNORED || (stage == Stage.HEADER && !anyInput);
      inflater.end();
      if (!complete) {
        throw new ZipException("the gzip data ends early");
      }
    }

    private void keep(byte[] data, int from) throws ZipException {
      if (data.length - from > MAX_HEADER) {
        throw new ZipException("corrupt gzip data (header too long)");
      }
      pending = Arrays.copyOfRange(data, from, data.length);
    }

    /** The length of the member header at {@code start}, or -1 while it is incomplete. */
    private static int headerLength(byte[] data, int start) throws ZipException {
      int available = data.length - start;
      if (available >= 1 && data[start] != (byte) 0x1f || available >= 2 && data[start + 1] != (byte) 0x8b) {
        throw new ZipException("the body is not in gzip format");
      }
      if (available < 10) {
        return -1;
      }
      if (data[start + 2] != 8) {
        throw new ZipException("gzip data with an unknown compression method");
      }
      int flags = data[start + 3] & 0xff;
      int position = start + 10;
      if ((flags & 0x04) != 0) { // FEXTRA
        if (position + 2 > data.length) {
          return -1;
        }
        position += 2 + ((data[position] & 0xff) | (data[position + 1] & 0xff) << 8);
      }
      for (int zeroTerminated : new int[] {0x08, 0x10}) { // FNAME, FCOMMENT
        if ((flags & zeroTerminated) != 0) {
          while (position < data.length && data[position] != 0) {
            position++;
          }
          position++;
        }
      }
      if ((flags & 0x02) != 0) { // FHCRC
        position += 2;
      }
      return position > data.length ? -1 : position - start;
    }

    private static int littleEndianInt(byte[] data, int at) {
      return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
    }

    private static byte[] concat(byte[] first, byte[] second) {
      byte[] both = Arrays.copyOf(first, first.length + second.length);
      System.arraycopy(second, 0, both, first.length, second.length);
      return both;
    }
  }

  /**
   * HTTP's "deflate" is meant to be a zlib stream (RFC 1950), but some servers send raw deflate
   * (RFC 1951); the first two bytes tell which.
   */
  private static final class Deflate extends Inflating {
    private Inflater inflater;
    private byte firstByte;
    private boolean haveFirstByte;

    @Override
    public void decode(byte[] chunk, Output out) throws IOException {
      byte[] data = chunk;
      if (inflater == null) {
        if (chunk.length == 0) {
          return;
        }
        if (!haveFirstByte) {
          firstByte = chunk[0];
          haveFirstByte = true;
          if (chunk.length == 1) {
            return;
          }
          data = chunk;
        } else {
          data = new byte[chunk.length + 1];
          data[0] = firstByte;
          System.arraycopy(chunk, 0, data, 1, chunk.length);
        }
        int header = (data[0] & 0xff) << 8 | (data[1] & 0xff);
        boolean zlib = (data[0] & 0x0f) == 8 && header % 31 == 0;
        inflater = new Inflater(!zlib);
      }
      if (!inflater.finished()) {
        inflate(inflater, data, 0, out, null);
      }
    }

    @Override
    public void finish() throws IOException {
      boolean complete = inflater == null ? !haveFirstByte : inflater.finished();
      if (inflater != null) {
        inflater.end();
      }
      if (!complete) {
        throw new ZipException("the deflate data ends early");
      }
    }
  }
}
