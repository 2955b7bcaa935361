package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.autoanime.support.BrowserSession;
import io.autoanime.support.Fixtures;
import io.autoanime.support.TestLibrary;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The library, series, activity and status pages over a synced fake library, in headless
 * Chromium. These tests only read, so they share one service and one browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryUiTest {
  static final long MARKUP_SERIES = 500;
  static final String MARKUP_TITLE = "<script>window.injected = 1</script><b>Bold</b> & <i>Co</i>";
  static final List<String> TITLES = List.of("Frieren: Beyond Journey's End", "Adam Savage’s Tested", "Aerial Africa",
      "The Most Heretical Last Boss Queen: From Villainess to Savior", MARKUP_TITLE);

  private UiService ui;
  private BrowserSession browser;

  @BeforeAll
  void start() {
    ui = UiService.synced(sonarr -> sonarr.put(
        Fixtures.seriesLike(Fixtures.lastBossQueen(), MARKUP_SERIES, 9_990_500, MARKUP_TITLE, 1)
            .put("overview", "<img src=x onerror=\"window.injected = 2\">An overview with markup.")
            .put("alternateTitles", new io.vertx.core.json.JsonArray()),
        Fixtures.episodesFor(MARKUP_SERIES, 4_000_001, 1, 3)), settings -> {});
    browser = BrowserSession.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    ui.close();
  }

  private Locator searchBox(Page page) {
    return page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Search series"));
  }

  private static Locator seriesLink(Page page, String title) {
    return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title).setExact(true));
  }

  @Test
  void the_library_lists_every_series_of_the_synced_library_with_its_poster() {
    Page page = browser.newPage();
    page.navigate(ui.page("/library"));

    for (String title : TITLES) {
      assertThat(seriesLink(page, title)).isVisible();
    }
    assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Series")).getByRole(AriaRole.LISTITEM))
        .hasCount(TITLES.size());
    assertThat(page.getByText(TITLES.size() + " series", new Page.GetByTextOptions().setExact(true))).isVisible();
    Locator frierenCard = page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHas(seriesLink(page, TITLES.get(0))));
    assertThat(frierenCard).containsText("2023 · Nippon TV");
    // The poster came through the service from the fake Sonarr (the Sonarr key stays on the server).
    page.waitForFunction("() => [...document.querySelectorAll('img.poster')].every(i => i.complete && i.naturalWidth > 0)");
    assertThat(ui.sonarr.requests()).contains("/api/v3/mediacover/1/poster.jpg");
    assertThat(page.content()).doesNotContain("fake-sonarr-key");
    BrowserSession.screenshot(page, "library");
    assertThat(browser.pageErrors()).isEmpty();
    assertThat(browser.blockedRequests()).isEmpty();
    page.context().close();
  }

  @Test
  void search_narrows_the_library_by_title_and_by_alternate_title() {
    Page page = browser.newPage();
    page.navigate(ui.page("/library"));
    assertThat(seriesLink(page, TITLES.get(1))).isVisible();

    searchBox(page).fill("aerial");
    assertThat(seriesLink(page, "Aerial Africa")).isVisible();
    assertThat(page.locator(".series-card")).hasCount(1);
    assertThat(page.getByText("1 of 5 series")).isVisible();

    searchBox(page).fill("sousou no"); // an alternate title of Frieren
    assertThat(seriesLink(page, TITLES.get(0))).isVisible();
    assertThat(page.locator(".series-card")).hasCount(1);

    searchBox(page).fill("LasTame");
    assertThat(seriesLink(page, TITLES.get(3))).isVisible();
    assertThat(page.locator(".series-card")).hasCount(1);

    searchBox(page).fill("no such series");
    assertThat(page.locator(".series-card")).hasCount(0);
    assertThat(resultCount(page)).hasText("No series match \"no such series\".");

    searchBox(page).fill("");
    assertThat(page.locator(".series-card")).hasCount(5);
    assertThat(resultCount(page)).hasText("5 series");
    page.context().close();
  }

  @Test
  void a_filter_that_leaves_no_series_says_so() {
    Page page = browser.newPage();
    page.navigate(ui.page("/library"));
    assertThat(seriesLink(page, TITLES.get(0))).isVisible();

    page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Failed")).check();
    assertThat(page.locator(".series-card")).hasCount(0);
    assertThat(resultCount(page)).hasText("No series match the filter \"Failed\".");

    page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("All")).check();
    searchBox(page).fill("  zzz  ");
    page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Downloading")).check();
    assertThat(resultCount(page)).hasText("No series match \"zzz\" with the filter \"Downloading\".");
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /** The line under the search box that says how many series are shown, a live region. */
  private static Locator resultCount(Page page) {
    return page.getByRole(AriaRole.STATUS).and(page.locator(".result-count"));
  }

  @Test
  void a_title_and_an_overview_holding_markup_show_as_text() {
    Page page = browser.newPage();
    page.navigate(ui.page("/library"));
    Locator link = seriesLink(page, MARKUP_TITLE);
    assertThat(link).hasText(MARKUP_TITLE);
    assertThat(page.locator(".series-card b, .series-card script, .series-card i")).hasCount(0);

    link.click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(MARKUP_TITLE).setLevel(1))).isVisible();
    assertThat(page.getByText("<img src=x onerror=\"window.injected = 2\">An overview with markup.")).isVisible();
    assertThat(page.locator("article img:not(.poster)")).hasCount(0);
    assertThat(page.evaluate("() => window.injected === undefined")).isEqualTo(true);
    page.context().close();
  }

  @Test
  void the_series_page_shows_seasons_and_episodes_with_a_named_switch_each() {
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + ui.seriesId(TestLibrary.LAST_BOSS_QUEEN)));

    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(TITLES.get(3)).setLevel(1))).isVisible();
    assertThat(page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Auto-download").setExact(true))).not().isChecked();
    assertThat(page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Auto-download season 1"))).isVisible();
    for (int episode = 1; episode <= 6; episode++) {
      assertThat(page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Auto-download S01E0" + episode))).isVisible();
    }
    // An anime shows absolute numbers.
    assertThat(page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Absolute"))).isVisible();
    assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Episode 6 of season 1"))
        .locator("td.absolute")).hasText("6");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync this series"))).isEnabled();
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh in Sonarr"))).isEnabled();
    page.waitForFunction("() => document.querySelector('img.poster').naturalWidth > 0");
    BrowserSession.screenshot(page, "series");

    page.navigate(ui.page("/series/" + ui.seriesId(TestLibrary.FRIEREN)));
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Specials"))).isVisible();
    assertThat(page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Auto-download S00E01"))).isVisible();
    assertThat(page.getByText("Also known as: Frieren Nach dem Ende der Reise")).isVisible();
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  @Test
  void the_activity_page_lists_the_sync_runs_with_their_counts() {
    Page page = browser.newPage();
    page.navigate(ui.page("/activity"));
    Locator firstRun = page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName(Pattern.compile("^#1 ")));
    assertThat(firstRun).containsText("succeeded");
    assertThat(firstRun).containsText("5 of 5");
    assertThat(firstRun).containsText("series: 5 new");
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Activity"))).hasAttribute("aria-current", "page");
    BrowserSession.screenshot(page, "activity");
    page.context().close();
  }

  @Test
  void the_status_page_shows_the_database_sonarr_qbittorrent_and_the_last_successful_sync() {
    Page page = browser.newPage();
    page.navigate(ui.page("/status"));
    Locator sonarr = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Sonarr"));
    assertThat(sonarr).containsText("UP");
    assertThat(sonarr).containsText("Sonarr 3.0.10.1567");
    assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("AutoAnime"))).containsText("Database");
    assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Sync"))).containsText("run #1, full");
    assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("This browser"))).containsText("UP");
    assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("qBittorrent"))).containsText("UNCONFIGURED");
    // The screenshot of this page is DownloadsUiTest's, where qBittorrent is configured.
    page.context().close();
  }

  @Test
  void on_a_phone_sized_screen_the_pages_fit_and_work_by_keyboard() {
    Page page = browser.newPage(390, 844);
    page.navigate(ui.page("/library"));
    assertThat(seriesLink(page, TITLES.get(0))).isVisible();
    assertThat(page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")).isEqualTo(true);
    page.waitForFunction("() => [...document.querySelectorAll('img.poster')].every(i => i.complete && i.naturalWidth > 0)");
    BrowserSession.screenshot(page, "library-phone");

    // Keyboard only: to the search box, type, on to the one series left, open it.
    searchBox(page).focus();
    page.keyboard().type("africa");
    assertThat(page.locator(".series-card")).hasCount(1);
    Locator link = seriesLink(page, "Aerial Africa");
    for (int i = 0; i < 12 && !(Boolean) link.evaluate("a => a === document.activeElement"); i++) {
      page.keyboard().press("Tab");
    }
    assertThat(link).isFocused();
    page.keyboard().press("Enter");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Aerial Africa").setLevel(1))).isVisible();
    assertThat(page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")).isEqualTo(true);
    BrowserSession.screenshot(page, "series-phone");
    page.context().close();
  }
}
