package io.autoanime;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.config.AppConfig;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What can be checked of the Dockerfile, .dockerignore and docker-compose.yml without a Docker
 * engine: that they agree with the build and with the code's defaults.
 */
class ContainerFilesTest {
  /** The settings the deployment contract names (README, "Configure" and "Download automatically"). */
  private static final Set<String> CONTRACT_VARIABLES = Set.of("PORT", "DATABASE_URL", "DATA_DIR", "SONARR_URL",
      "SONARR_API_KEY", "SYNC_ON_STARTUP", "SYNC_INTERVAL_MINUTES", "AUTOANIME_API_KEY", "QBITTORRENT_URL",
      "QBITTORRENT_USERNAME", "QBITTORRENT_PASSWORD", "QBITTORRENT_CATEGORY", "DOWNLOAD_PATH_MAP", "FEED_POLL_MINUTES",
      "AUTO_DOWNLOAD_IMPORT_MODE");

  private final List<String> dockerfile = instructions(read("Dockerfile"));

  @Test
  void the_image_copies_the_jar_the_build_makes() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    Element shade = (Element) pom.getElementsByTagName("finalName").item(0);
    String jar = "target/" + shade.getTextContent().trim() + ".jar";
    assertThat(jar).isEqualTo("target/autoanime.jar");

    String buildStage = only("FROM maven:");
    assertThat(buildStage).startsWith("FROM maven:3.9-eclipse-temurin-17 AS build");
    assertThat(dockerfile).contains("RUN mvn -B -DskipTests package");
    String buildDir = dockerfile.get(dockerfile.indexOf(buildStage) + 1);
    assertThat(buildDir).as("the build stage's WORKDIR").startsWith("WORKDIR ");
    Matcher copy = Pattern.compile("^COPY --from=build (\\S+) (\\S+)$").matcher(only("COPY --from=build"));
    assertThat(copy.matches()).isTrue();
    assertThat(copy.group(1)).isEqualTo(buildDir.substring("WORKDIR ".length()) + "/" + jar);
    assertThat(entrypoint()).containsSequence("-jar", copy.group(2));
    String mainClass = pom.getElementsByTagName("mainClass").item(0).getTextContent().trim();
    if (mainClass.equals("${main.class}")) {
      mainClass = pom.getElementsByTagName("main.class").item(0).getTextContent().trim();
    }
    assertThat(mainClass).as("the jar's Main-Class").isEqualTo(Main.class.getName());
  }

  @Test
  void the_runtime_is_a_jre_run_by_a_user_other_than_root() {
    List<String> froms = dockerfile.stream().filter(i -> i.startsWith("FROM ")).toList();
    // Java 25 for its ahead-of-time cache (JEP 483/514); the jar stays Java 17 bytecode.
    assertThat(froms.get(froms.size() - 1)).isEqualTo("FROM eclipse-temurin:25-jre");
    List<String> users = dockerfile.stream().filter(i -> i.startsWith("USER ")).toList();
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER ".length()).split(":")[0];
    assertThat(user).isNotIn("root", "0");
    assertThat(dockerfile.indexOf(users.get(users.size() - 1)))
        .as("USER comes after every RUN, so the service never runs as root")
        .isGreaterThan(lastIndexStartingWith("RUN "));
  }

  @Test
  void the_entrypoint_is_exec_form_and_sizes_the_heap_for_the_container() {
    List<String> args = entrypoint();
    assertThat(args.get(0)).as("java itself gets SIGTERM, no shell in between").isEqualTo("java");
    assertThat(args).contains("-XX:MaxRAMPercentage=75");
    assertThat(dockerfile).noneMatch(i -> i.startsWith("CMD "));
  }

  @Test
  void the_image_trains_the_ahead_of_time_cache_its_entrypoint_uses() throws Exception {
    String training = only("RUN mkdir /tmp/training");
    Matcher java = Pattern.compile("runuser -u autoanime -- java (.*?) -XX:AOTCacheOutput=(\\S+) -cp (\\S+) (\\S+) (\\S+) &&")
        .matcher(training);
    assertThat(java.find()).as("the training command: " + training).isTrue();
    List<String> trainingOptions = List.of(java.group(1).split(" "));
    String cacheMadeAt = java.group(2);
    String classPath = java.group(3);
    String mainClass = java.group(4);

    assertThat(Class.forName(mainClass)).as("the training workload").isEqualTo(io.autoanime.training.TrainingRun.class);
    String jar = entrypoint().get(entrypoint().indexOf("-jar") + 1);
    assertThat(classPath).as("the cache is valid only for the jar it was trained with").isEqualTo(jar);
    assertThat(dockerfile.indexOf(training)).as("trained after the jar is copied in")
        .isGreaterThan(dockerfile.indexOf(only("COPY --from=build")));
    assertThat(java.group(5)).as("the training's scratch directory").startsWith("/tmp/training/");
    assertThat(training).contains("chown 10001:10001 /tmp/training").contains("rm -rf /tmp/training /tmp/embedded-pg");

    Matcher moved = Pattern.compile("mv " + Pattern.quote(cacheMadeAt) + " (\\S+)").matcher(training);
    assertThat(moved.find()).isTrue();
    assertThat(entrypoint()).contains("-XX:AOTCache=" + moved.group(1));
    assertThat(training).contains("chown root:root " + moved.group(1)).contains("chmod 444 " + moved.group(1));
    // The cache is trained with the entrypoint's code generation options (and Netty's, which decide which of its
    // classes run); the heap is fixed below 32 GiB so that compressed object pointers are on, as they are at run
    // time (the cache records it).
    List<String> codeOptions = entrypoint().stream().filter(option -> option.startsWith("-XX:TieredStopAtLevel")
        || option.startsWith("-XX:+Use") || option.startsWith("-XX:-Use") || option.startsWith("-Dio.netty.")
        || option.startsWith("--sun-misc-unsafe-memory-access")).toList();
    assertThat(codeOptions).isNotEmpty();
    assertThat(trainingOptions).containsAll(codeOptions).contains("-Xmx512m");
  }

  @Test
  void port_health_path_and_data_directory_match_the_code() {
    AppConfig defaults = AppConfig.fromJson(new JsonObject());
    assertThat(dockerfile).contains("EXPOSE " + defaults.port());
    assertThat(dockerfile).contains("ENV DATA_DIR=/data");
    assertThat(dockerfile).anyMatch(i -> i.startsWith("VOLUME") && i.contains("/data"));

    Matcher url = Pattern.compile("\"(http://[^\"]+)\"").matcher(only("HEALTHCHECK"));
    assertThat(url.find()).isTrue();
    URI health = URI.create(url.group(1).replace("${PORT:-3001}", "3001"));
    assertThat(health.getPort()).isEqualTo(defaults.port());
    assertThat(url.group(1)).as("follows PORT").contains("${PORT:-" + defaults.port() + "}");
    assertThat(only("HEALTHCHECK")).contains("curl -fsS");
    assertThat(dockerfile).as("the image installs the tool the check runs")
        .anyMatch(i -> i.startsWith("RUN apt-get update") && i.contains("install -y --no-install-recommends curl"));

    // The path answers 200 on the running service, without the API key (Docker sends none).
    try (TestService service = TestService.start(TestDatabases.fresh(), TestService.settingsFor(null)
        .put(AppConfig.AUTOANIME_API_KEY, "the-healthcheck-has-no-key"))) {
      assertThat(service.get(health.getPath()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void the_build_context_holds_the_sources_and_nothing_else() {
    List<String> rules = read(".dockerignore").lines().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(rules).containsExactly("*", "!pom.xml", "!src/");
    assertThat(dockerfile.stream().filter(i -> i.startsWith("COPY ") && !i.startsWith("COPY --from")))
        .containsExactly("COPY pom.xml .", "COPY src ./src");
  }

  @Test
  void compose_runs_the_service_on_postgres_16_with_contract_variables_only() {
    String compose = read("docker-compose.yml");
    Map<String, String> environment = environmentOf(compose, "autoanime");

    assertThat(environment.keySet()).isNotEmpty().allSatisfy(name -> assertThat(name).isIn(CONTRACT_VARIABLES));
    assertThat(AppConfig.KEYS).containsAll(environment.keySet());
    assertThat(environment).containsKeys("DATABASE_URL", "SONARR_URL", "SONARR_API_KEY", "AUTOANIME_API_KEY");
    assertThat(environment.get("DATABASE_URL")).startsWith("postgresql://").contains("@postgres:5432/");
    assertThat(compose).contains("image: postgres:16").contains("condition: service_healthy")
        .contains("postgres-data:/var/lib/postgresql/data").contains("pg_isready -h 127.0.0.1");
    assertThat(compose).containsPattern("(?m)^volumes:\\n  postgres-data:");
    assertThat(compose).contains("\"3001:3001\"");
  }

  @Test
  void compose_passes_every_setting_of_env_waits_out_a_clean_stop_and_keeps_the_heap_under_32_gb() {
    String compose = read("docker-compose.yml");

    assertThat(compose).contains("env_file:\n      - path: .env\n        required: false");
    assertThat(read(".gitignore").lines()).as("the secrets of .env stay out of git").contains(".env");
    java.util.regex.Matcher grace = java.util.regex.Pattern.compile("stop_grace_period: (\\d+)s").matcher(compose);
    assertThat(grace.find()).isTrue();
    assertThat(Integer.parseInt(grace.group(1))).as("longer than the service's own 60 s wait").isGreaterThan(60);
    java.util.regex.Matcher limit = java.util.regex.Pattern.compile("mem_limit: (\\d+)g").matcher(compose);
    assertThat(limit.find()).isTrue();
    assertThat(Integer.parseInt(limit.group(1)) * 0.75).as("the heap (75%) keeps compressed pointers").isLessThan(32);
  }

  @Test
  void compose_runs_a_qbittorrent_whose_download_folder_is_shared_and_points_the_service_at_it() {
    String compose = read("docker-compose.yml");
    Map<String, String> environment = environmentOf(compose, "autoanime");

    assertThat(environment.get("QBITTORRENT_URL")).isEqualTo("http://qbittorrent:8080");
    assertThat(environment.get("QBITTORRENT_CATEGORY")).isEqualTo("autoanime");
    assertThat(environment).containsKeys("QBITTORRENT_USERNAME", "QBITTORRENT_PASSWORD", "DOWNLOAD_PATH_MAP",
        "AUTO_DOWNLOAD_IMPORT_MODE");
    assertThat(environmentOf(compose, "qbittorrent")).containsEntry("WEBUI_PORT", "\"8080\"");
    assertThat(compose).contains("image: lscr.io/linuxserver/qbittorrent:")
        .contains("${DOWNLOADS_DIR:-./downloads}:/downloads").contains("qbittorrent-config:/config");
    assertThat(compose).containsPattern("(?m)^  qbittorrent-config:");
  }

  /** The variables set in one service's {@code environment:} map (two-space YAML indents). */
  private static Map<String, String> environmentOf(String compose, String service) {
    Map<String, String> environment = new LinkedHashMap<>();
    boolean inService = false;
    boolean inEnvironment = false;
    for (String line : compose.lines().toList()) {
      if (line.matches("^  \\S.*:\\s*$")) {
        inService = line.trim().equals(service + ":");
        inEnvironment = false;
      } else if (inService && line.matches("^    \\S.*")) {
        inEnvironment = line.trim().equals("environment:");
      } else if (inService && inEnvironment && line.matches("^      [A-Za-z_][A-Za-z0-9_]*:.*")) {
        String[] pair = line.trim().split(":", 2);
        environment.put(pair[0], pair[1].trim());
      }
    }
    return environment;
  }

  private List<String> entrypoint() {
    String json = only("ENTRYPOINT").substring("ENTRYPOINT".length()).trim();
    assertThat(json).as("exec form").startsWith("[");
    List<String> args = new ArrayList<>();
    new JsonArray(json).forEach(arg -> args.add((String) arg));
    return args;
  }

  private String only(String prefix) {
    List<String> found = dockerfile.stream().filter(i -> i.startsWith(prefix)).toList();
    assertThat(found).as("instructions starting with " + prefix).hasSize(1);
    return found.get(0);
  }

  private int lastIndexStartingWith(String prefix) {
    int last = -1;
    for (int i = 0; i < dockerfile.size(); i++) {
      if (dockerfile.get(i).startsWith(prefix)) {
        last = i;
      }
    }
    return last;
  }

  /** Dockerfile instructions, one per entry: comments dropped, continuation lines joined. */
  private static List<String> instructions(String text) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.lines().toList()) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean continues = trimmed.endsWith("\\");
      current.append(current.length() == 0 ? "" : " ").append(continues ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed);
      if (!continues) {
        instructions.add(current.toString());
        current.setLength(0);
      }
    }
    return instructions;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file + " at the project root", e);
    }
  }
}
