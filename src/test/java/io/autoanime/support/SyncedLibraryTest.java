package io.autoanime.support;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base for tests that start from the standard library as one full sync leaves it ({@link
 * SyncedLibrary}): a fresh one for each test, or one for the class when it is annotated
 * {@code @TestInstance(PER_CLASS)} (see {@link SharedOrFresh}).
 */
@ExtendWith(SharedOrFresh.class)
public abstract class SyncedLibraryTest implements SharedOrFresh.Fixture {
  protected SyncedLibrary library;

  @Override
  public void setUp() {
    library = SyncedLibrary.start(this::settings);
  }

  /** Override to change the service's settings (set AUTOANIME_API_KEY, say). */
  protected void settings(JsonObject settings) {}

  @Override
  public void tearDown() {
    library.close();
  }
}
