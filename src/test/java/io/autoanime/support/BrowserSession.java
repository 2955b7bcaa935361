package io.autoanime.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A headless Chromium (Debian's {@code chromium} package, never a downloaded one) driven through
 * Playwright: one per test class. Chromium missing is a failure, never a skip. Every page reaches
 * only this machine: any other request (a poster's remote URL, say) is aborted and recorded.
 */
public final class BrowserSession implements AutoCloseable {
  public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
  private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync");
  /** Where the screenshots go; {@code -DupdateScreenshots=true} also copies them to docs/screenshots. */
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Path DOCS_SCREENSHOTS = Path.of("docs", "screenshots");

  private final Playwright playwright;
  private final Browser browser;
  private final List<String> blockedRequests = new CopyOnWriteArrayList<>();
  private final List<String> pageErrors = new CopyOnWriteArrayList<>();

  private BrowserSession(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  public static BrowserSession start() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new AssertionError("Chromium is missing at " + CHROMIUM + ": install Debian's chromium package "
          + "(apt-get install chromium, as .ci/run does) or point CHROMIUM_PATH at a Chromium");
    }
    // The machine may be busy: a page gets 20 s to show what a test waits for.
    com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      // Playwright gives every launch a fresh, temporary user data directory of its own.
      Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(ARGS));
      return new BrowserSession(playwright, browser);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** A page in a context of its own (fresh storage), desktop-sized. */
  public Page newPage() {
    return newPage(1280, 860);
  }

  /** A page in a context of its own (fresh storage: no API key kept), of this viewport. */
  public Page newPage(int width, int height) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
        .setLocale("en-GB").setTimezoneId("UTC"));
    context.setDefaultTimeout(20_000);
    context.route("**/*", route -> {
      String host = URI.create(route.request().url()).getHost();
      if ("localhost".equals(host) || "127.0.0.1".equals(host)) {
        route.resume();
      } else {
        blockedRequests.add(route.request().url());
        route.abort();
      }
    });
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type()) && !message.text().contains("Failed to load resource")) {
        pageErrors.add(message.text());
      }
    });
    return page;
  }

  /** Script errors any page raised (uncaught exceptions, console errors). */
  public List<String> pageErrors() {
    return pageErrors;
  }

  /** Requests to other hosts that were stopped. */
  public List<String> blockedRequests() {
    return blockedRequests;
  }

  /** Saves a screenshot of the whole page as {@code name}.png. */
  public static void screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
      if (Boolean.getBoolean("updateScreenshots")) {
        Files.createDirectories(DOCS_SCREENSHOTS);
        Files.copy(file, DOCS_SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
