package io.healguard.api.cli;

import io.healguard.api.recheck.Recheck;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.health.UnitNames;
import io.healguard.engine.json.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code healguard report}: sends one health report to a running service and prints its decision.
 * It is what an {@code OnFailure=} hook or a watchdog script calls, so its exit code is the
 * interface: 0 decided, 2 the report or the command line is wrong (retrying will not help), 3 the
 * service could not be reached or failed (retried until {@code --timeout}).
 *
 * <p>This path starts no Vert.x, compiles no tables and builds no ObjectMapper: the JDK HTTP client
 * and Jackson's streaming core only, so a hook costs little more than the JVM start.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Send one health report to a running healguard service and print its decision.",
      "The token is read from --token-file or HEALGUARD_TOKEN_FILE, never from the command line.",
      "--from-systemd turns an OnFailure= hook's MONITOR_* variables into a DOWN report with its cause "
          + "(docs/install.md)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the service decided; the decision is printed",
      "2:usage error, unreadable token file, or the service refused the report (4xx)",
      "3:the service could not be reached or answered 5xx until --timeout ran out"
    })
public final class ReportCommand implements Callable<Integer> {
  public static final int EXIT_UNREACHABLE = 3;
  static final String DEFAULT_URL = "http://127.0.0.1:8080";
  static final String ENV_URL = "HEALGUARD_URL";
  static final String ENV_TOKEN_FILE = "HEALGUARD_TOKEN_FILE";

  enum Format { text, json }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--unit", paramLabel = "UNIT", description = "the systemd unit, e.g. api.service "
      + "(with --from-systemd: default $MONITOR_UNIT)")
  String unit;

  @Option(names = "--status", paramLabel = "STATUS", description = "UP, DEGRADED or DOWN (--from-systemd: DOWN)")
  String status;

  @Option(names = "--detail", paramLabel = "TEXT", description = "what the reporter saw, shown in the unit view")
  String detail;

  @Option(names = "--source", paramLabel = "NAME",
      description = "who reports (default: healguard-report, or systemd-onfailure with --from-systemd)")
  String source;

  @Option(names = "--url", paramLabel = "URL",
      description = "the service (default: $HEALGUARD_URL, else " + DEFAULT_URL + ")")
  String url;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "a file holding a bearer token with role reporter or higher (default: $HEALGUARD_TOKEN_FILE)")
  Path tokenFile;

  @Option(names = "--from-systemd", description = "report DOWN with the cause from the MONITOR_* variables of an OnFailure= hook")
  boolean fromSystemd;

  @Option(names = "--journal", description = "with --from-systemd: attach the failed invocation's last "
      + JournalTail.LINES + " log lines (journalctl, at most 8 KiB)")
  boolean journal;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "give up retrying an unreachable or failing service after this long (default: ${DEFAULT-VALUE})")
  String timeout;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json: json prints the decision exactly as the service answered (default: ${DEFAULT-VALUE})")
  String format;

  /** The process environment; a test hands its own. */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() {
    Format fmt = format(format);
    Duration limit = Durations.parse("--timeout", timeout);
    if (limit.isZero() || limit.isNegative() || limit.compareTo(Duration.ofHours(1)) > 0) {
      throw InvalidInputException.field("--timeout", timeout, "between 1ms and 1h");
    }
    URI endpoint = endpoint();
    String token = token();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> report = report(err);

    ReportClient.Answer answer = new ReportClient(limit).send(endpoint, token, report);
    if (answer.status() == 400 && report.containsKey("cause")) {
      // a service without failure causes (or one that refuses this cause) still learns the unit is DOWN
      warn(err, "the service refused the cause (" + answer.problem() + "); reporting DOWN without it");
      report.remove("cause");
      answer = new ReportClient(limit).send(endpoint, token, report);
    }
    if (answer.unreachable() || answer.status() >= 500) {
      err.println("healguard: " + answer.failure());
      err.flush();
      return EXIT_UNREACHABLE;
    }
    if (answer.status() < 200 || answer.status() >= 300) {
      err.println("healguard: " + answer.failure());
      err.flush();
      return HealguardCommand.EXIT_USAGE;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(fmt == Format.json ? answer.body().strip() + "\n" : DecisionText.of(answer.body()));
    out.flush();
    return HealguardCommand.EXIT_OK;
  }

  private Map<String, Object> report(PrintWriter err) {
    if (journal && !fromSystemd) {
      throw new InvalidInputException("--journal needs --from-systemd: it reads the log of the failed invocation "
          + "named by $MONITOR_INVOCATION_ID");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    SystemdFailure failure = null;
    if (fromSystemd) {
      if (status != null && HealthStatus.parse("--status", status) != HealthStatus.DOWN) {
        throw InvalidInputException.field("--status", status, "DOWN or left out with --from-systemd (a failed unit is down)");
      }
      failure = SystemdFailure.from(env);
      String monitored = failure.unit();
      if (unit == null && monitored == null) {
        throw new InvalidInputException("--unit is missing and MONITOR_UNIT is not set: give --unit %i in the hook unit");
      }
      failure.warnings().forEach(w -> warn(err, w));
      if (unit != null && monitored != null && !unit.equals(monitored)) {
        warn(err, "--unit " + unit + " differs from MONITOR_UNIT " + monitored + "; reporting " + unit);
      }
      r.put("unit", UnitNames.require("--unit", unit != null ? unit : monitored));
      r.put("status", HealthStatus.DOWN.name());
    } else {
      if (unit == null) {
        throw new InvalidInputException("--unit is missing: name the systemd unit the report is about, e.g. --unit api.service");
      }
      if (status == null) {
        throw new InvalidInputException("--status is missing: one of UP, DEGRADED, DOWN (or --from-systemd)");
      }
      r.put("unit", UnitNames.require("--unit", unit));
      r.put("status", HealthStatus.parse("--status", status).name());
    }
    r.put("observedAt", Instant.now().toString());
    r.put("source", source != null ? source : fromSystemd ? Recheck.SYSTEMD_SOURCE : "healguard-report");
    String text = detail != null ? detail : failure != null ? failure.describe((String) r.get("unit")) : null;
    if (text != null) {
      r.put("detail", text);
    }
    if (failure != null) {
      Map<String, Object> cause = failure.cause();
      if (journal) {
        JournalTail.Result tail = JournalTail.read(env, failure.invocationId());
        tail.warning().ifPresent(w -> warn(err, w));
        tail.text().ifPresent(t -> cause.put("logTail", t));
      }
      if (!cause.isEmpty()) {
        r.put("cause", cause);
      }
    }
    return r;
  }

  private URI endpoint() {
    String given = url != null ? url : env.get(ENV_URL);
    String from = url != null ? "--url" : ENV_URL;
    String base = given == null || given.isBlank() ? DEFAULT_URL : given.strip();
    URI u;
    try {
      u = URI.create(base);
    } catch (IllegalArgumentException e) {
      u = null;
    }
    if (u == null || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null
        || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
      throw InvalidInputException.field(from, base, "an http:// or https:// URL of the service such as " + DEFAULT_URL);
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
    return URI.create(u.getScheme() + "://" + u.getRawAuthority() + path + "/api/v1/reports");
  }

  private String token() {
    Path file = tokenFile;
    String from = "--token-file";
    if (file == null) {
      String e = env.get(ENV_TOKEN_FILE);
      if (e == null || e.isBlank()) {
        throw new InvalidInputException("no token: give --token-file FILE or set " + ENV_TOKEN_FILE
            + " to a file holding a reporter token (a token is never taken on the command line)");
      }
      file = Path.of(e);
      from = ENV_TOKEN_FILE;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(from + " " + file + " cannot be read: no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(from + " " + file + " cannot be read: permission denied for this user");
    } catch (IOException e) {
      throw new InvalidInputException(from + " " + file + " cannot be read: " + (Files.isDirectory(file)
          ? "it is a directory" : e.getMessage()));
    }
    String token = text.strip();
    if (token.isEmpty()) {
      throw new InvalidInputException(from + " " + file + " is empty; it must hold one bearer token");
    }
    if (token.chars().anyMatch(c -> c <= ' ' || c == 127)) {
      throw new InvalidInputException(from + " " + file + " must hold one bearer token on one line, "
          + "but holds whitespace or control characters inside it");
    }
    return token;
  }

  private static Format format(String f) {
    try {
      return Format.valueOf(f);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field("--format", f, "text or json");
    }
  }

  static void warn(PrintWriter err, String message) {
    err.println("healguard: warning: " + message);
    err.flush();
  }
}
