package io.healguard.tables.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark of this package on 1 and then 2 threads and prints one summary table.
 * Other JMH options pass through (e.g. {@code -wi 1 -i 2} for a quick look, or a benchmark
 * regex); {@code -t} is ignored since this runs both thread counts. Results also go to
 * {@code jmh-t<threads>.json} in {@code -Dbench.out} (default {@code tables/target}, for a run from
 * the repository root). See docs/benchmarks-engine.md for the full command.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args)
      throws RunnerException, CommandLineOptionException, IOException {
    Path out = Files.createDirectories(Path.of(System.getProperty("bench.out", "tables/target")));
    CommandLineOptions cli = new CommandLineOptions(args);
    List<String> include = cli.getIncludes().isEmpty()
        ? List.of(BenchMain.class.getPackageName() + "\\..*") : cli.getIncludes();
    List<String> rows = new ArrayList<>();
    for (int threads : new int[] {1, 2}) {
      OptionsBuilder b = new OptionsBuilder();
      b.parent(cli).threads(threads)
          .resultFormat(ResultFormatType.JSON).result(out.resolve("jmh-t" + threads + ".json").toString());
      include.forEach(b::include);
      Options options = b.build();
      for (RunResult r : new Runner(options).run()) {
        var score = r.getPrimaryResult();
        String name = r.getParams().getBenchmark();
        rows.add(String.format("%-18s %7d %14.0f %12.0f  %s", name.substring(name.lastIndexOf('.') + 1),
            threads, score.getScore(), score.getScoreError(), score.getScoreUnit()));
      }
    }
    System.out.println();
    System.out.printf("%-18s %7s %14s %12s  %s%n", "benchmark", "threads", "score", "error", "unit");
    rows.forEach(System.out::println);
  }
}
