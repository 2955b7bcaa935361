package io.autoanime.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The read cache on a clock the test turns: an answer lives exactly its lifetime. */
class ReadCacheLifetimeTest {

  @Test
  void an_answer_is_served_from_memory_until_its_lifetime_is_over_then_read_again() {
    AtomicLong nanos = new AtomicLong(1_000_000_000L);
    LibraryReadCache cache = new LibraryReadCache(2000, nanos::get);
    List<String> reads = new ArrayList<>();
    Supplier<Future<Buffer>> read = () -> {
      reads.add("read " + reads.size());
      return Future.succeededFuture(Buffer.buffer("answer " + reads.size()));
    };

    assertThat(cache.get("/api/series", read).result().toString()).isEqualTo("answer 1");
    nanos.addAndGet(1_999_999_999L);
    assertThat(cache.get("/api/series", read).result().toString()).as("just within its lifetime").isEqualTo("answer 1");
    nanos.addAndGet(1);
    assertThat(cache.get("/api/series", read).result().toString()).as("its lifetime is over").isEqualTo("answer 2");
    assertThat(reads).hasSize(2);
  }
}
