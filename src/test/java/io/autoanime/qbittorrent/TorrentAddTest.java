package io.autoanime.qbittorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TorrentAddTest {
  private static final String HEX = "c9e15763f722f23e98a29decdfae341b98d53056";

  @Test
  void takesTheHashFromAMagnetInHexOrBase32() {
    assertThat(TorrentAdd.magnet("magnet:?xt=urn:btih:" + HEX.toUpperCase() + "&dn=x", "t").infoHash()).isEqualTo(HEX);
    // the same hash in base32, as some feeds write it
    assertThat(TorrentAdd.magnet("magnet:?dn=x&xt=urn:btih:ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMCW", "t").infoHash()).isEqualTo(HEX);
    assertThat(TorrentAdd.magnet("magnet:?xt=urn%3Abtih%3A" + HEX, "t").infoHash()).isEqualTo(HEX);
    assertThat(TorrentAdd.magnet("magnet:?xt=urn:btmh:1220" + HEX + HEX.substring(0, 24), "t").infoHash()).isNull();
  }

  @Test
  void keepsAGivenHashLowerCaseAndRefusesABadOne() {
    assertThat(new TorrentAdd("https://nyaa.example/download/1.torrent", HEX.toUpperCase(), "t", Optional.empty()).infoHash())
        .isEqualTo(HEX);
    assertThat(catchThrowable(() -> new TorrentAdd("https://nyaa.example/1.torrent", "abc", "t", Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40 hex digits");
  }

  @Test
  void refusesSourcesAndTagsQbittorrentCannotTake() {
    assertThat(catchThrowable(() -> TorrentAdd.magnet("ftp://host/x.torrent", "t")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magnet link or an http(s) URL");
    assertThat(catchThrowable(() -> TorrentAdd.magnet("magnet:?xt=urn:btih:" + HEX, "a,b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without commas");
    assertThat(catchThrowable(() -> TorrentAdd.magnet("https:///nohost", "t"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void showsSourcesWithoutPasskeysOrCredentials() {
    TorrentAdd add = new TorrentAdd("https://user:pw@tracker.example:8443/dl/5.torrent?passkey=abcdef&x=1", null, "t",
        Optional.of("/data"));

    assertThat(add.describedSource()).isEqualTo("https://tracker.example:8443/dl/5.torrent");
    assertThat(add.toString()).doesNotContain("passkey", "abcdef", "pw@");
    // feeds publish URLs java.net.URI refuses; qBittorrent fetches them, so they are accepted
    TorrentAdd lenient = new TorrentAdd("https://dmhy.example/t/[Group]%20Show%2001.torrent|x", null, "t", Optional.empty());
    assertThat(lenient.describedSource()).isEqualTo("https://dmhy.example/t/[Group]%20Show%2001.torrent|x");
  }
}
