package io.autoanime.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which stored cover URLs the poster route asks Sonarr's media cover endpoint for. */
class PosterFileNameTest {

  @Test
  void sonarrs_local_cover_urls_give_their_file_name_with_or_without_a_url_base() {
    assertThat(PosterRoutes.coverFileName("/MediaCover/1/poster.jpg?lastWrite=639054922502170519")).isEqualTo("poster.jpg");
    assertThat(PosterRoutes.coverFileName("/sonarr/MediaCover/340/poster-500.png")).isEqualTo("poster-500.png");
  }

  @Test
  void anything_else_gives_none_so_the_route_falls_back_to_the_remote_url() {
    assertThat(PosterRoutes.coverFileName(null)).isNull();
    assertThat(PosterRoutes.coverFileName("https://artworks.thetvdb.com/banners/posters/1.jpg")).isNull();
    assertThat(PosterRoutes.coverFileName("/MediaCover/1/../../config.xml")).isNull();
    assertThat(PosterRoutes.coverFileName("/MediaCover/x/poster.jpg")).isNull();
    assertThat(PosterRoutes.coverFileName("/MediaCover/1/poster.svg")).isNull();
  }
}
