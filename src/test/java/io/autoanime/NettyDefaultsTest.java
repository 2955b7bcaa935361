package io.autoanime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Netty settings take effect in a JVM that starts as the service does (here the test JVM has
 * long loaded Netty, so each case runs in a JVM of its own); the case with the JVM's own value
 * fails, too, if a Netty upgrade renames the property.
 */
class NettyDefaultsTest {

  @Test
  void a_started_service_has_netty_report_no_flight_recorder_events() throws Exception {
    assertThat(nettyJfrInFreshJvm(List.of())).isEqualTo("false");
  }

  @Test
  void a_value_given_to_the_jvm_wins() throws Exception {
    assertThat(nettyJfrInFreshJvm(List.of("-Dio.netty.jfr.enabled=true"))).isEqualTo("true");
  }

  /** Runs {@link FreshJvm} in a new JVM and answers what it printed. */
  private static String nettyJfrInFreshJvm(List<String> jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), FreshJvm.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(exited).as("the JVM exited; it printed: %s", output).isTrue();
    assertThat(process.exitValue()).as("exit status; it printed: %s", output).isZero();
    return output;
  }

  /** Applies the defaults, then prints whether Netty sends its buffer events to the flight recorder. */
  public static final class FreshJvm {
    public static void main(String[] args) {
      NettyDefaults.apply();
      System.out.println(PlatformDependent.isJfrEnabled());
    }
  }
}
