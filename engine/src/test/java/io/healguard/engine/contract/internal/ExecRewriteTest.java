package io.healguard.engine.contract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.contract.CondaLayout;
import io.healguard.engine.contract.Contract;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class ExecRewriteTest {
  static final Contract C = new Contract("/opt/conda", "ingest", "/opt/conda/envs/ingest",
      "/opt/conda/envs/ingest/bin/python3.11", "/srv/ingest", "/etc/app/runtime.env", List.of(), List.of(), null);

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "another env's python          | -/opt/conda/envs/old/bin/python3.10 -m app %i | -/opt/conda/envs/ingest/bin/python3.11 -m app %i",
      "plain name                    | python3 -m app                               | /opt/conda/envs/ingest/bin/python3.11 -m app",
      "display name                  | @/usr/bin/python3 ingest -m app               | @/opt/conda/envs/ingest/bin/python3.11 ingest -m app",
      "a tool from another env       | /opt/conda/envs/tools/bin/gunicorn -w 4 a:b   | /opt/conda/envs/ingest/bin/gunicorn -w 4 a:b",
      "env with options              | /usr/bin/env -u LANG X=1 python3 app.py       | /usr/bin/env -u LANG X=1 /opt/conda/envs/ingest/bin/python3.11 app.py",
      "quoted program                | \"/opt/conda/envs/old/bin/python\" -m app     | /opt/conda/envs/ingest/bin/python3.11 -m app"})
  void shouldRewriteTheProgramAndKeepEverythingElse(String name, String line, String expected) {
    ExecRewrite.Outcome o = new ExecRewrite(C, new CondaLayout(C, new HostFs(tmp))).rewrite(new Located(line, "/u", 1), "a@x.service");

    assertThat(o.line()).isEqualTo(expected);
    assertThat(o.rewritten()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "another program     | /bin/kill -HUP $MAINPID          | it runs /bin/kill, which is neither an interpreter nor a tool in a conda environment",
      "a shell             | /bin/sh -c 'exec python app'     | it runs a shell, whose commands drift check judges; it is not rewritten",
      "conda run           | /opt/conda/bin/conda run -n x py | it runs conda, whose environment and interpreter drift check judges; edit it by hand if it reports one",
      "a variable          | $APP_PYTHON -m app               | it names its program through a variable, which systemd does not expand; fix the line by hand",
      "env of a non-python | /usr/bin/env node app.js         | /usr/bin/env runs node: it runs node, which is neither an interpreter nor a tool in a conda environment"})
  void shouldLeaveALineThatRunsNoInterpreterAndSayWhy(String name, String line, String reason) {
    ExecRewrite.Outcome o = new ExecRewrite(C, new CondaLayout(C, new HostFs(tmp))).rewrite(new Located(line, "/u", 1), "a.service");

    assertThat(o.rewritten()).isFalse();
    assertThat(o.reason()).isEqualTo(reason);
  }
}
