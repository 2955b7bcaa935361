package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.support.FakeFeedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** Bodies decoded while they stream in, in chunks of any size, and refused once over the limit. */
class BoundedBodyTest {
  private static final long MIB = 1024 * 1024;
  private static final byte[] FEED = FakeFeedServer.capture("nyaa/nyaa-si-2019-02-15-home.xml");

  /** Feeds {@code encoded} in chunks of {@code chunk} bytes; answers the decoded body. */
  private static byte[] decode(String encoding, byte[] encoded, int chunk, long limit) throws IOException {
    BoundedBody body = BoundedBody.forEncoding(encoding, limit);
    for (int i = 0; i < encoded.length; i += chunk) {
      body.append(Arrays.copyOfRange(encoded, i, Math.min(encoded.length, i + chunk)));
    }
    return body.finish();
  }

  private static byte[] deflate(byte[] data, boolean raw) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void gzip_decodes_whatever_the_chunk_boundaries() throws IOException {
    byte[] gzip = FakeFeedServer.gzip(FEED);
    for (int chunk : new int[] {1, 3, 10, 4096, gzip.length}) {
      assertThat(decode("gzip", gzip, chunk, 10 * MIB)).as("chunks of " + chunk).isEqualTo(FEED);
    }
    assertThat(decode("x-gzip", gzip, 512, 10 * MIB)).isEqualTo(FEED);
  }

  @Test
  void a_gzip_header_with_every_optional_field_and_members_in_a_row() throws IOException {
    byte[] data = "a feed".getBytes();
    CRC32 crc = new CRC32();
    crc.update(data);
    byte[] header = concat(new byte[] {0x1f, (byte) 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3, 3, 0}, "xyz".getBytes(),
        "name.xml\0".getBytes(), "a comment\0".getBytes(), new byte[] {0x12, 0x34});
    long size = data.length;
    byte[] trailer = {(byte) crc.getValue(), (byte) (crc.getValue() >> 8), (byte) (crc.getValue() >> 16), (byte) (crc.getValue() >> 24),
        (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)};
    byte[] member = concat(header, deflate(data, true), trailer);

    assertThat(decode("gzip", member, 2, MIB)).isEqualTo(data);
    assertThat(decode("gzip", concat(member, FakeFeedServer.gzip(FEED)), 5, MIB))
        .as("a second member follows the first").isEqualTo(concat(data, FEED));
    assertThat(decode("gzip", concat(member, new byte[64]), 7, MIB)).as("padding after the member is ignored").isEqualTo(data);
  }

  @Test
  void a_gzip_bomb_is_refused_after_reading_a_little_of_it() throws IOException {
    byte[] bomb = FakeFeedServer.gzipBomb(200 * MIB);
    BoundedBody body = BoundedBody.forEncoding("gzip", MIB);
    int chunk = 8 * 1024;
    int read = 0;
    try {
      for (; read < bomb.length; read += chunk) {
        body.append(Arrays.copyOfRange(bomb, read, Math.min(bomb.length, read + chunk)));
      }
    } catch (BoundedBody.TooLargeException expected) {
      // what this test is about
    }
    assertThat(read).as("compressed bytes read before the refusal, of " + bomb.length).isLessThan(bomb.length / 50);
    assertThatThrownBy(body::finish).as("and it does not count as a complete body").isInstanceOf(ZipException.class);
  }

  @Test
  void the_limit_counts_decoded_bytes() throws IOException {
    byte[] oneMib = FakeFeedServer.gzipBomb(MIB);
    assertThat(decode("gzip", oneMib, 1000, MIB)).hasSize((int) MIB);
    assertThatThrownBy(() -> decode("gzip", oneMib, 1000, MIB - 1)).isInstanceOf(BoundedBody.TooLargeException.class);
    assertThat(decode(null, FEED, 100, FEED.length)).isEqualTo(FEED);
    assertThatThrownBy(() -> decode("identity", FEED, 100, FEED.length - 1)).isInstanceOf(BoundedBody.TooLargeException.class);
  }

  @Test
  void deflate_as_zlib_or_raw() throws IOException {
    for (boolean raw : new boolean[] {false, true}) {
      byte[] deflated = deflate(FEED, raw);
      for (int chunk : new int[] {1, 2, 4096}) {
        assertThat(decode("deflate", deflated, chunk, 10 * MIB)).as("raw " + raw + ", chunks of " + chunk).isEqualTo(FEED);
      }
    }
  }

  @Test
  void cut_short_corrupt_and_unasked_encodings_are_errors() {
    byte[] gzip = FakeFeedServer.gzip(FEED);
    assertThatThrownBy(() -> decode("gzip", Arrays.copyOf(gzip, gzip.length - 4), 100, 10 * MIB))
        .isInstanceOf(ZipException.class).hasMessage("the gzip data ends early");
    byte[] badCrc = gzip.clone();
    badCrc[badCrc.length - 8] ^= 1;
    assertThatThrownBy(() -> decode("gzip", badCrc, 100, 10 * MIB)).hasMessageContaining("CRC mismatch");
    assertThatThrownBy(() -> decode("gzip", FEED, 100, 10 * MIB)).hasMessage("the body is not in gzip format");
    byte[] garbage = gzip.clone();
    Arrays.fill(garbage, 20, 60, (byte) 0xff);
    assertThatThrownBy(() -> decode("gzip", garbage, 100, 10 * MIB)).hasMessageStartingWith("corrupt compressed data");
    byte[] deflated = deflate(FEED, false);
    assertThatThrownBy(() -> decode("deflate", Arrays.copyOf(deflated, deflated.length / 2), 100, 10 * MIB))
        .hasMessage("the deflate data ends early");
    assertThatThrownBy(() -> BoundedBody.forEncoding("br", MIB))
        .isInstanceOf(ZipException.class).hasMessage("the server used a content encoding that was not asked for (br)");
  }
}
