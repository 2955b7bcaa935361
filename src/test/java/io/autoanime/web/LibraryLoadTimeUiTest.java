package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.autoanime.support.BrowserSession;
import io.autoanime.support.Sql;
import io.autoanime.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A library of 2,000 series (100,000 episodes, two alternate titles each) written straight into
 * the database, opened in the browser. Prints how long it takes until the library is usable (its
 * first page of cards shown, the count known, the search box ready) and how long a search takes;
 * the README reports the numbers. It asserts only what the page shows, never a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryLoadTimeUiTest {
  private static final int SERIES = 2_000;
  private static final int EPISODES_PER_SERIES = 50;

  private UiService ui;
  private BrowserSession browser;

  @BeforeAll
  void start() {
    ui = UiService.unsynced(sonarr -> {}, settings -> {});
    generate(ui.service);
    browser = BrowserSession.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    ui.close();
  }

  @Test
  void a_library_of_2000_series_is_usable_and_searchable() {
    Page page = browser.newPage();
    double cold = openLibrary(page);
    double warm = openLibrary(page); // scripts cached by the browser

    double searchMs = inPage(page, "sakura 1999", null); // an alternate title
    assertThat(page.getByText("1 of 2,000 series")).isVisible();
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Generated series 1999"))).isVisible();
    double clearMs = inPage(page, "", null);
    assertThat(page.getByText("2,000 series", new Page.GetByTextOptions().setExact(true))).isVisible();
    double pageMs = inPage(page, null, "Next page");
    assertThat(page.getByText("Page 2 of 34")).isVisible();
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Generated series 0061"))).isVisible();

    String list = "/api/series?includeAlternateTitles=true";
    int plain = ui.service.get(list).body().length();
    int zipped = ui.service.send(io.vertx.core.http.HttpMethod.GET, list, null, java.util.Map.of("Accept-Encoding", "gzip"))
        .body().length();
    System.out.printf("UI LIBRARY %d series (list %d KB, %d KB gzipped): usable %.0f ms after navigation (first load), "
        + "%.0f ms (reload); search painted in %.0f ms, cleared in %.0f ms, next page in %.0f ms (load average %s)%n",
        SERIES, plain / 1024, zipped / 1024, cold, warm, searchMs, clearMs, pageMs, loadAverage());
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * Types {@code query} into the search box (or clicks the button named {@code button}) inside the
   * page, and answers the milliseconds until the next frame after the page re-rendered.
   */
  private static double inPage(Page page, String query, String button) {
    Object ms = page.evaluate("""
        async ([query, button]) => {
          const start = performance.now();
          if (button) {
            [...document.querySelectorAll('button')].find((b) => b.textContent === button).click();
          } else {
            const input = document.querySelector('input[type=search]');
            input.value = query;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }
          await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
          return performance.now() - start;
        }""", java.util.Arrays.asList(query, button));
    return ((Number) ms).doubleValue();
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * Opens the library in a new document; answers the milliseconds from the start of navigation to
   * the first frame in which it is usable (its first page of cards, the count, the search box).
   */
  private double openLibrary(Page page) {
    page.navigate("about:blank");
    page.navigate(ui.page("/library"));
    Object usableAt = page.waitForFunction("""
        () => document.querySelectorAll('.series-card').length === 60
              && document.querySelector('.result-count')?.textContent.trim() === '2,000 series'
              && document.querySelector('input[type=search]') !== null
              && performance.now()""").jsonValue();
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Generated series 0001"))).isVisible();
    System.out.println("UI LIBRARY load: " + page.evaluate("""
        () => {
          const list = performance.getEntriesByType('resource').find((e) => e.name.includes('api/series?'));
          return `page ${Math.round(performance.getEntriesByType('navigation')[0].responseEnd)} ms, `
              + `series list asked at ${Math.round(list.startTime)} ms and received at ${Math.round(list.responseEnd)} ms`;
        }"""));
    return ((Number) usableAt).doubleValue();
  }

  /** Series g = 1..2000 titled "Generated series 000g", each with a poster in the fake Sonarr and two alternate titles. */
  private static void generate(TestService service) {
    var db = service.database();
    Sql.update(db, """
        INSERT INTO series (sonarr_id, tvdb_id, title, sort_title, status, series_type, monitored, year, network,
                            season_count, episode_count, episode_file_count, total_episode_count,
                            is_auto_download_enabled, auto_download_status)
        SELECT g, 100000 + g, 'Generated series ' || lpad(g::text, 4, '0'), 'generated series ' || lpad(g::text, 4, '0'),
               'continuing', 'anime', true, 2000 + g %% 25, 'Network ' || g %% 7, 2, 48, g %% 48, 50, g %% 3 = 0,
               CASE WHEN g %% 3 = 0 THEN 'pending' ELSE 'disabled' END
          FROM generate_series(1, %d) g""".formatted(SERIES));
    Sql.update(db, """
        INSERT INTO series_seasons (series_id, season_number, is_auto_download_enabled, auto_download_status)
        SELECT s.id, n, false, 'disabled' FROM series s CROSS JOIN generate_series(0, 2) n""");
    Sql.update(db, """
        INSERT INTO series_images (series_id, cover_type, url, remote_url)
        SELECT s.id, 'poster', '/MediaCover/' || s.sonarr_id || '/poster.jpg?lastWrite=1',
               'https://posters.invalid/' || s.sonarr_id || '.jpg'
          FROM series s""");
    Sql.update(db, """
        INSERT INTO series_alternate_titles (series_id, title)
        SELECT s.id, t || ' ' || s.sonarr_id FROM series s CROSS JOIN unnest(ARRAY['Sakura', 'Hoshi no Uta']) t""");
    Sql.update(db, """
        INSERT INTO series_episodes (sonarr_episode_id, tvdb_id, series_id, season_id, season_number, episode_number,
                                     title, is_auto_download_enabled, auto_download_status)
        SELECT s.sonarr_id * 100 + e, 5000000 + s.sonarr_id * 100 + e, s.id, ss.id, 1 + (e > 25)::int,
               e - 25 * (e > 25)::int, 'Episode ' || e, e %% 3 = 0,
               (ARRAY['disabled', 'pending', 'downloading', 'downloaded', 'failed'])[1 + (s.sonarr_id + e) %% 5]
          FROM series s
         CROSS JOIN generate_series(1, %d) e
          JOIN series_seasons ss ON ss.series_id = s.id AND ss.season_number = 1 + (e > 25)::int""".formatted(EPISODES_PER_SERIES));
    Sql.update(db, "ANALYZE");
  }
}
