package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.autoanime.support.BrowserSession;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The switches of the series page change the database, and the page shows what they changed; they
 * and its buttons keep the keyboard focus while their requests run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesSwitchUiTest {
  private UiService ui;
  private BrowserSession browser;

  @BeforeAll
  void start() {
    ui = UiService.synced(sonarr -> {}, settings -> {});
    browser = BrowserSession.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    ui.close();
  }

  private static Locator toggle(Page page, String name) {
    return page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  private long count(String sql) {
    return Sql.count(ui.service.database(), sql);
  }

  @Test
  void switching_a_series_on_switches_its_seasons_and_episodes_but_specials_in_the_database_and_on_the_page() {
    long frieren = ui.seriesId(TestLibrary.FRIEREN);
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + frieren));
    Locator seriesSwitch = toggle(page, "Auto-download");
    assertThat(seriesSwitch).not().isChecked();
    assertThat(page.getByRole(AriaRole.SWITCH)).hasCount(1 + 3 + 9); // the series, 3 seasons, 9 episodes

    seriesSwitch.click();

    assertThat(seriesSwitch).isChecked();
    for (int season = 1; season <= 2; season++) {
      assertThat(toggle(page, "Auto-download season " + season)).isChecked();
      for (int episode = 1; episode <= 4; episode++) {
        assertThat(toggle(page, "Auto-download S0" + season + "E0" + episode)).isChecked();
      }
    }
    assertThat(toggle(page, "Auto-download season 0")).not().isChecked();
    assertThat(toggle(page, "Auto-download S00E01")).not().isChecked();
    assertThat(page.locator("tbody .status-pending")).hasCount(8);

    assertThat(count("SELECT count(*) FROM series WHERE id = " + frieren
        + " AND is_auto_download_enabled AND auto_download_status = 'pending'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM series_seasons WHERE series_id = " + frieren
        + " AND is_auto_download_enabled = (season_number > 0)")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM series_episodes WHERE series_id = " + frieren
        + " AND is_auto_download_enabled AND auto_download_status = 'pending'")).isEqualTo(8);
    assertThat(count("SELECT count(*) FROM series_episodes WHERE series_id = " + frieren
        + " AND season_number = 0 AND NOT is_auto_download_enabled")).isEqualTo(1);

    // Reloaded, the page shows what the database holds.
    page.reload();
    assertThat(toggle(page, "Auto-download S02E04")).isChecked();
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  @Test
  void a_season_and_an_episode_switch_by_keyboard() {
    long queen = ui.seriesId(TestLibrary.LAST_BOSS_QUEEN);
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + queen));

    Locator episode = toggle(page, "Auto-download S01E03");
    episode.focus();
    page.keyboard().press("Space");
    assertThat(episode).isChecked();
    assertThat(count("SELECT count(*) FROM series_episodes WHERE series_id = " + queen
        + " AND is_auto_download_enabled")).isEqualTo(1);
    assertThat(toggle(page, "Auto-download season 1")).not().isChecked();

    Locator season = toggle(page, "Auto-download season 1");
    season.focus();
    page.keyboard().press("Space");
    assertThat(season).isChecked();
    for (int number = 1; number <= 6; number++) {
      assertThat(toggle(page, "Auto-download S01E0" + number)).isChecked();
    }
    assertThat(count("SELECT count(*) FROM series_episodes WHERE series_id = " + queen
        + " AND is_auto_download_enabled")).isEqualTo(6);

    season.press("Space");
    assertThat(season).not().isChecked();
    assertThat(toggle(page, "Auto-download S01E03")).not().isChecked();
    assertThat(count("SELECT count(*) FROM series_episodes WHERE series_id = " + queen
        + " AND is_auto_download_enabled")).isZero();
    page.context().close();
  }

  /**
   * A switch flipped by keyboard keeps the focus while its change is saved (it is unavailable, not
   * taken out of the page's focus order), so the next key press flips it back.
   */
  @Test
  void a_switch_flipped_by_keyboard_keeps_the_focus() {
    long africa = ui.seriesId(TestLibrary.AERIAL_AFRICA);
    String episodeOn = "SELECT count(*) FROM series_episodes WHERE series_id = " + africa
        + " AND season_number = 1 AND episode_number = 2 AND is_auto_download_enabled";
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + africa));
    Locator episode = toggle(page, "Auto-download S01E02");
    episode.focus();

    page.keyboard().press("Space");
    assertThat(episode).isChecked();
    assertThat(episode).isEnabled(); // saved
    assertThat(count(episodeOn)).isEqualTo(1);
    assertThat(episode).isFocused();

    page.keyboard().press("Space");
    assertThat(episode).not().isChecked();
    assertThat(episode).isEnabled();
    assertThat(count(episodeOn)).isZero();
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /** "Sync this series" pressed by keyboard keeps the focus while its request runs and after. */
  @Test
  void sync_this_series_by_keyboard_keeps_the_focus() {
    long africa = ui.seriesId(TestLibrary.AERIAL_AFRICA);
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + africa));
    Locator sync = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync this series"));
    sync.focus();

    page.waitForResponse(r -> r.url().endsWith("/api/series/" + africa + "/sync"), () -> page.keyboard().press("Enter"));

    assertThat(sync).isEnabled();
    assertThat(sync).isFocused();
    assertThat(page.getByRole(AriaRole.ALERT)).hasCount(0);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }
}
