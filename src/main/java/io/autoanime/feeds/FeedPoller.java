package io.autoanime.feeds;

import io.autoanime.library.NotFoundException;
import io.autoanime.matching.ReleasePlacer;
import io.autoanime.releases.ParsedRelease;
import io.autoanime.releases.ReleaseTitleParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one feed: a conditional GET; on new content, read the document and parse every title
 * (off the event loop), store the releases not seen before, place them on episodes, let this feed's
 * copy of a torrent another feed stored unplaced take it over when its title places it
 * ({@link CopyTakeOver}), and record the poll on the feed. A 304 reads and stores nothing but the
 * poll time. A failure anywhere is recorded on the feed ({@code lastError}); releases it stored but
 * could not place are placed by the next poll that lists them (their feed's validators are not
 * recorded, so that poll reads the document again). A poll of a feed removed meanwhile that stored
 * and placed nothing fails as a poll of an unknown feed does ({@link NotFoundException}); one that
 * stored or placed releases before the removal (which keeps them) answers what it did.
 */
final class FeedPoller {
  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
  private static final int MAX_TITLE_LENGTH = 1000;
  private static final int MAX_LINK_LENGTH = 8192;

  private final Vertx vertx;
  private final FeedFetcher fetcher;
  private final FeedStore feeds;
  private final FeedItemStore items;
  private final ReleasePlacer placer;
  private final CopyTakeOver copies;
  private final FeedMetrics metrics;
  private final int defaultPollMinutes;

  FeedPoller(Vertx vertx, FeedFetcher fetcher, FeedStore feeds, FeedItemStore items, ReleasePlacer placer,
      FeedMetrics metrics, int defaultPollMinutes) {
    this.vertx = vertx;
    this.fetcher = fetcher;
    this.feeds = feeds;
    this.items = items;
    this.placer = placer;
    this.copies = new CopyTakeOver(items, placer);
    this.metrics = metrics;
    this.defaultPollMinutes = defaultPollMinutes;
  }

  Future<PollResult> poll(Feed feed) {
    Duration untilNext = untilNextPoll(feed);
    return fetcher.fetch(feed.url(), feed.etag(), feed.lastModified())
        .compose(fetched -> {
          if (fetched instanceof FetchResult.Fetched body) {
            return store(feed, body, untilNext);
          }
          metrics.notModified();
          PollResult notModified = PollResult.notModified(feed.id());
          return feeds.recordNotModified(feed, untilNext).map(found -> new Recorded(notModified, found));
        })
        .recover(failure -> {
          String error = reason(failure);
          log.warn("Polling feed {} ({}) failed: {}", feed.id(), feed.name(), error);
          metrics.failed();
          PollResult failed = PollResult.failed(feed.id(), error);
          return feeds.recordFailure(feed, error, untilNext).map(found -> new Recorded(failed, found));
        })
        .compose(recorded -> recorded.feedRemovedFirst()
            ? Future.failedFuture(FeedStore.unknownFeed(feed.id()))
            : Future.succeededFuture(recorded.result()));
  }

  /** A poll's result, and whether its feed was still there to record it on. */
  private record Recorded(PollResult result, boolean feedFound) {
    /** The feed was removed before the poll stored or placed anything (it then stored nothing). */
    boolean feedRemovedFirst() {
      return !feedFound && result.newItems() == 0 && result.matchedItems() == 0;
    }
  }

  private Future<Recorded> store(Feed feed, FetchResult.Fetched fetched, Duration untilNext) {
    return vertx.executeBlocking(() -> read(fetched.body()), false)
        .compose(read -> items.storeNew(feed.id(), read.entries(), read.parses())
            .compose(stored -> placer.place(stored.toPlace())
                .compose(placed -> copies.takeOver(feed.id(), read.entries(), read.parses())
                    .map(taken -> new PollResult(feed.id(), stored.newReleases(), placed.placed() + taken.placed(),
                        read.skipped(), null, union(placed.episodeIds(), taken.episodeIds())))))
            .compose(result -> feeds.recordFetched(feed, read.kind(), fetched.etag(), fetched.lastModified(), untilNext)
                .map(found -> new Recorded(result, found))))
        .onSuccess(recorded -> {
          PollResult result = recorded.result();
          metrics.fetched(result);
          if (result.newItems() > 0 || result.skippedItems() > 0) {
            log.info("Feed {} ({}): {} new release(s), {} placed on episodes, {} item(s) without a title or a link skipped",
                feed.id(), feed.name(), result.newItems(), result.matchedItems(), result.skippedItems());
          }
        });
  }

  private static Set<Long> union(Set<Long> a, Set<Long> b) {
    Set<Long> both = new LinkedHashSet<>(a);
    both.addAll(b);
    return both;
  }

  /** The document's usable entries with their parses. */
  private record Read(FeedKind kind, List<FeedEntry> entries, List<ParsedRelease> parses, int skipped) {}

  private static Read read(byte[] body) throws FeedFormatException {
    FeedDocument document = FeedDocumentReader.read(body);
    List<FeedEntry> entries = new ArrayList<>();
    List<ParsedRelease> parses = new ArrayList<>();
    int skipped = document.skippedItems();
    for (FeedEntry entry : document.entries()) {
      if (entry.title().length() > MAX_TITLE_LENGTH || tooLong(entry.torrentUrl()) || tooLong(entry.magnetUrl())
          || tooLong(entry.guid())) {
        skipped++;
        continue;
      }
      entries.add(entry);
      parses.add(ReleaseTitleParser.parse(entry.title()));
    }
    return new Read(document.kind(), entries, parses, skipped);
  }

  private static boolean tooLong(String text) {
    return text != null && text.length() > MAX_LINK_LENGTH;
  }

  private Duration untilNextPoll(Feed feed) {
    long seconds = feed.pollMinutesOr(defaultPollMinutes) * 60L;
    long jitter = ThreadLocalRandom.current().nextLong(Math.min(60, seconds / 10) + 1);
    return Duration.ofSeconds(seconds + jitter);
  }

  private static String reason(Throwable failure) {
    if (failure instanceof FeedFetchException || failure instanceof FeedFormatException) {
      return failure.getMessage();
    }
    return "could not store the releases: " + failure.getMessage();
  }
}
