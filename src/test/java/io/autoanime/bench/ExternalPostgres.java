package io.autoanime.bench;

import io.autoanime.config.DatabaseUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the machine's own installation (Debian's {@code postgresql} package), in a
 * cluster of its own in a temporary directory, on a free port, with the server's defaults (fsync and
 * synchronous commit on): the database a user runs beside the service. As root the server runs as
 * the {@code postgres} user (PostgreSQL refuses root).
 */
final class ExternalPostgres implements AutoCloseable {
  private static final String SERVER_USER = "postgres";

  private final Path binaries;
  private final Path directory;
  private final int port;
  private final boolean asServerUser;

  private ExternalPostgres(Path binaries, Path directory, int port, boolean asServerUser) {
    this.binaries = binaries;
    this.directory = directory;
    this.port = port;
    this.asServerUser = asServerUser;
  }

  static ExternalPostgres start() throws Exception {
    Path binaries = findBinaries();
    boolean asServerUser = "root".equals(System.getProperty("user.name"));
    Path directory = Files.createTempDirectory("autoanime-external-pg");
    if (asServerUser) {
      UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(directory, users.lookupPrincipalByName(SERVER_USER));
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ExternalPostgres postgres = new ExternalPostgres(binaries, directory, port, asServerUser);
    postgres.run(List.of(binaries.resolve("initdb").toString(), "-D", postgres.data().toString(), "-U", "postgres",
        "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"));
    postgres.run(List.of(binaries.resolve("pg_ctl").toString(), "-D", postgres.data().toString(), "-w", "-t", "60",
        "-l", directory.resolve("server.log").toString(), "-o",
        "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=" + directory
            + " -c fsync=on -c synchronous_commit=on", "start"));
    return postgres;
  }

  int port() {
    return port;
  }

  Path data() {
    return directory.resolve("data");
  }

  DatabaseUrl url(String database) {
    return new DatabaseUrl("localhost", port, database, "postgres", "");
  }

  /** The URL the service reads from {@code DATABASE_URL}. */
  String serviceUrl(String database) {
    return "postgresql://postgres@localhost:" + port + "/" + database;
  }

  Connection connect(String database) throws Exception {
    DatabaseUrl url = url(database);
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  void createDatabase(String name) throws Exception {
    try (Connection connection = connect("postgres")) {
      connection.createStatement().execute("CREATE DATABASE " + name);
    }
  }

  void dropDatabase(String name) throws Exception {
    try (Connection connection = connect("postgres")) {
      connection.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /** The postmaster's process id, to count its CPU time and its backends'. */
  long postmasterPid() throws IOException {
    return Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).trim());
  }

  @Override
  public void close() throws Exception {
    try {
      run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"));
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private void run(List<String> command) throws Exception {
    List<String> full = new ArrayList<>();
    if (asServerUser) {
      full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(directory.resolve("commands.log").toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n"
          + Files.readString(directory.resolve("commands.log")));
    }
  }

  /** initdb and pg_ctl: on the PATH, else the newest /usr/lib/postgresql/N/bin. */
  private static Path findBinaries() throws IOException {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path initdb = Path.of(entry, "initdb");
      if (!entry.isEmpty() && Files.isExecutable(initdb)) {
        return initdb.toRealPath().getParent();
      }
    }
    Path installed = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(installed)) {
      try (Stream<Path> versions = Files.list(installed)) {
        var newest = versions.map(v -> v.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
            .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())));
        if (newest.isPresent()) {
          return newest.get();
        }
      }
    }
    throw new IllegalStateException("no PostgreSQL installation found (initdb on the PATH or in /usr/lib/postgresql): "
        + "on Debian, apt-get install postgresql");
  }
}
