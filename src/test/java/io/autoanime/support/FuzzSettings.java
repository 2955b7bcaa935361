package io.autoanime.support;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a run of the fuzz properties take its seed and number of tries from the command line:
 * {@code mvn -B test -Dtest=RequestFuzzTest -Dfuzz.seed=-4711 -Dfuzz.tries=20000}. jqwik prints the
 * seed of every run in its report, and the failing sample when a property fails.
 */
public final class FuzzSettings implements AroundPropertyHook {
  public static final String SEED = "fuzz.seed";
  public static final String TRIES = "fuzz.tries";

  /** Added to a test class, it applies to each of its properties. */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
    String seed = System.getProperty(SEED);
    if (seed != null && !seed.isBlank()) {
      context.attributes().setSeed(seed.trim());
    }
    String tries = System.getProperty(TRIES);
    if (tries != null && !tries.isBlank()) {
      context.attributes().setTries(Integer.parseInt(tries.trim()));
    }
    return property.execute();
  }
}
