package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeedUrlsTest {
  @Test
  void absolute_http_and_https_urls_are_accepted_and_normalised() {
    assertThat(FeedUrls.validate("  https://nyaa.si/?page=rss&c=1_2&f=0 ")).isEqualTo("https://nyaa.si/?page=rss&c=1_2&f=0");
    assertThat(FeedUrls.validate("HTTP://Prowlarr_App:9696/1/api?t=search&cat=5070&apikey=k"))
        .as("an underscore host, as Docker names services").isEqualTo("http://Prowlarr_App:9696/1/api?t=search&cat=5070&apikey=k");
    assertThat(FeedUrls.validate("https://nyaa.si/?page=rss&q=[SubsPlease] frieren|1080p"))
        .isEqualTo("https://nyaa.si/?page=rss&q=%5BSubsPlease%5D%20frieren%7C1080p");
    assertThat(FeedUrls.validate("https://mikanani.me/RSS/Search?searchstr=葬送"))
        .isEqualTo("https://mikanani.me/RSS/Search?searchstr=%E8%91%AC%E9%80%81");
    assertThat(FeedUrls.validate("https://example.org/a%20b?x=100%")).isEqualTo("https://example.org/a%20b?x=100%25");
    assertThat(FeedUrls.validate("http://[::1]:8080/rss")).isEqualTo("http://[::1]:8080/rss");
    assertThat(FeedUrls.validate("https://user:p%40ss@host.example/rss")).isEqualTo("https://user:p%40ss@host.example/rss");
    assertThat(FeedUrls.validate("https://example.org")).isEqualTo("https://example.org");
  }

  @Test
  void anything_else_is_refused_without_repeating_the_url() {
    String[] refused = {null, "", "   ", "nyaa.si/?page=rss", "/rss", "ftp://example.org/rss",
        "javascript:alert(1)", "file:///etc/passwd", "http://", "http:///rss", "https://exa mple.org/",
        "http://example.org:0/", "http://example.org:99999/", "http://example.org/\nrss", "https://" + "a".repeat(5000) + ".org/"};
    for (String url : refused) {
      assertThatThrownBy(() -> FeedUrls.validate(url)).as(String.valueOf(url))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("the feed URL");
    }
    assertThatThrownBy(() -> FeedUrls.validate("ftp://secret-host.example/rss?apikey=topsecret"))
        .hasMessage("the feed URL must start with http:// or https://");
  }

  @Test
  void credentials_are_masked_and_the_rest_is_kept_as_it_was() {
    assertThat(FeedUrls.masked("https://user:hunter2@tracker.example/rss?passkey=abc123&cat=5&ApiKey=K&q=frieren#top"))
        .isEqualTo("https://***@tracker.example/rss?passkey=***&cat=5&ApiKey=***&q=frieren#top");
    assertThat(FeedUrls.masked("http://prowlarr:9696/1/api?t=search&apikey=0123456789abcdef&cat=5070"))
        .isEqualTo("http://prowlarr:9696/1/api?t=search&apikey=***&cat=5070");
    assertThat(FeedUrls.masked("https://t.example/rss.php?uid=42&torrent_pass=x&authkey=y&token=z&sid=s&key=k&rsskey=r&secret=q&password=p&pass=p2&auth=a"))
        .isEqualTo("https://t.example/rss.php?uid=***&torrent_pass=***&authkey=***&token=***&sid=***&key=***&rsskey=***&secret=***&password=***&pass=***&auth=***");
    assertThat(FeedUrls.masked("https://nyaa.si/?page=rss&q=monkey&apikey=")).as("an empty value hides nothing")
        .isEqualTo("https://nyaa.si/?page=rss&q=monkey&apikey=");
    assertThat(FeedUrls.masked("https://nyaa.si/?page=rss&q=passkey")).isEqualTo("https://nyaa.si/?page=rss&q=passkey");
    assertThat(FeedUrls.masked("not a url at all ?apikey=x")).isEqualTo("not a url at all ?apikey=***");
    assertThat(FeedUrls.masked(null)).isNull();
  }

  @Test
  void a_key_under_a_prefixed_name_is_masked_as_jacketts_download_links_carry_it() {
    assertThat(FeedUrls.masked("http://jackett:9117/dl/nyaasi/?jackett_apikey=0123456789abcdefghijklmnopqrstuv&path=Q2ZESjhB&file=Frieren+-+03"))
        .isEqualTo("http://jackett:9117/dl/nyaasi/?jackett_apikey=***&path=Q2ZESjhB&file=Frieren+-+03");
    assertThat(FeedUrls.masked("https://t.example/get?torrent_id=5&user_token=abcd&X-Api-Key=efgh&rss_passkey=ijkl"))
        .isEqualTo("https://t.example/get?torrent_id=5&user_token=***&X-Api-Key=***&rss_passkey=***");
    assertThat(FeedUrls.scrub("could not fetch ?jackett_apikey=0123456789abcdef",
        "http://jackett:9117/dl/x/?jackett_apikey=0123456789abcdef")).isEqualTo("could not fetch ?jackett_apikey=***");
  }

  @Test
  void a_passkey_in_a_magnets_tracker_url_is_masked_inside_it() {
    String magnet = "magnet:?xt=urn:btih:1123456789abcdef0123456789abcdef01234567&dn=Frieren+-+03"
        + "&tr=https%3A%2F%2Ftracker.example%2Fannounce%3Fpasskey%3Df00dfacecafebabe0123456789abcdef"
        + "&tr=http%3A%2F%2Fnyaa.tracker.wf%3A7777%2Fannounce";

    String masked = FeedUrls.masked(magnet);

    assertThat(masked).doesNotContain("f00dfacecafebabe0123456789abcdef")
        .contains("&tr=https%3A%2F%2Ftracker.example%2Fannounce%3Fpasskey%3D***")
        .as("a tracker without a key is left as it was").endsWith("&tr=http%3A%2F%2Fnyaa.tracker.wf%3A7777%2Fannounce")
        .startsWith("magnet:?xt=urn:btih:1123456789abcdef0123456789abcdef01234567&dn=Frieren+-+03&");
    assertThat(FeedUrls.scrub("qBittorrent refused https://tracker.example/announce?passkey=f00dfacecafebabe0123456789abcdef",
        magnet)).doesNotContain("f00dfacecafebabe0123456789abcdef");
  }

  @Test
  void a_masked_url_sent_back_keeps_the_stored_credentials() {
    String stored = "https://user:hunter2@tracker.example/rss?passkey=abc123&cat=5";

    assertThat(FeedUrls.keepStoredWhenMasked(FeedUrls.masked(stored), stored)).isEqualTo(stored);
    assertThat(FeedUrls.keepStoredWhenMasked("https://***@tracker.example/rss?passkey=***&cat=7", stored))
        .as("another parameter changed, the masked ones kept").isEqualTo("https://user:hunter2@tracker.example/rss?passkey=abc123&cat=7");
    assertThat(FeedUrls.keepStoredWhenMasked("https://tracker.example/rss?passkey=newkey&cat=5", stored))
        .as("new credentials replace the stored ones").isEqualTo("https://tracker.example/rss?passkey=newkey&cat=5");
    assertThat(FeedUrls.keepStoredWhenMasked("https://nyaa.si/?page=rss", null)).isEqualTo("https://nyaa.si/?page=rss");
    assertThatThrownBy(() -> FeedUrls.keepStoredWhenMasked("https://attacker.example/rss?passkey=***&cat=5", stored))
        .as("the stored key is never sent to another server")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another server");
    assertThatThrownBy(() -> FeedUrls.keepStoredWhenMasked("https://tracker.example/rss?apikey=***", stored))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apikey");
    assertThatThrownBy(() -> FeedUrls.keepStoredWhenMasked("ftp://x/rss", stored)).isInstanceOf(IllegalArgumentException.class);
  }
}
