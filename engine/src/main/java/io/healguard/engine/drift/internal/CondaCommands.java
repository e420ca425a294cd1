package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.internal.ShellLexer.Tok;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What conda's, mamba's and micromamba's commands select: the installation (the binary's own
 * root, {@code -r}, {@code MAMBA_ROOT_PREFIX}, a {@code shell hook} evaluated later), the
 * environment ({@code activate}, {@code run -n|-p}), and the program {@code run} starts, looked
 * up in that environment first. Every root must be the contract's {@code root_prefix}.
 */
public final class CondaCommands {
  private final CheckContext ctx;
  private final ScriptReader reader;

  public CondaCommands(CheckContext ctx, ScriptReader reader) {
    this.ctx = ctx;
    this.reader = reader;
  }

  /** The shell selected a conda installation: it is judged, and names resolve under it from here on. */
  public void root(String dir, Site site, String where, ShellSession s) {
    if (Classifier.unresolved(dir)) {
      return;
    }
    String abs = dir.startsWith("/") ? dir : s.resolve(dir); // absolute stays as written: ok-normalized shows it
    if (abs == null) {
      ctx.ref(Reference.of(Reference.Kind.CONDA_ROOT, dir, site, where));
      return;
    }
    ctx.ref(Reference.of(Reference.Kind.CONDA_ROOT, abs, site, where));
    s.condaRoot(abs);
  }

  /** {@code source <dir>/bin/activate [env]}: with an env, dir is the installation; without, the environment itself. */
  public void sourceActivate(String dir, Tok env, Site site, String where, ShellSession s) {
    if (env == null) {
      ctx.ref(Reference.of(Reference.Kind.ENV_PREFIX, dir, site, where));
      s.activate(dir, at(site));
      return;
    }
    root(dir, site, where, s);
    reader.use(env, site, where, s);
    if (env.resolved()) {
      activate(env.text(), site, where, s);
    }
  }

  public void run(Tok cmd, List<Tok> args, Site site, ShellSession s) {
    String path = cmd.text();
    String tool = HostFs.basename(path);
    String root = s.condaRoot();
    if (path.startsWith("/") && !tool.equals("micromamba")) {
      // micromamba is a standalone binary; conda and mamba live in their installation's bin/
      String bin = HostFs.parent(path);
      if (HostFs.basename(bin).equals("bin") || HostFs.basename(bin).equals("condabin")) {
        root = HostFs.parent(bin);
        ctx.ref(Reference.of(Reference.Kind.CONDA_ROOT, root, site, tool));
      }
    } else if (tool.equals("micromamba")) {
      Value v = s.variable("MAMBA_ROOT_PREFIX");
      root = v == null || Classifier.unresolved(v.text()) ? root : v.text();
    }
    int i = 0;
    String sub = null;
    for (; i < args.size(); i++) {
      String a = args.get(i).text();
      if ((a.equals("-r") || a.equals("--root-prefix")) && i + 1 < args.size()) {
        root = optionRoot(args.get(++i), site, tool + " " + a, s, root);
      } else if (a.startsWith("--root-prefix=")) {
        root = optionRoot(Tok.literal(a.substring(14)), site, tool + " --root-prefix", s, root);
      } else if (!a.startsWith("-")) {
        sub = a;
        break;
      }
    }
    if (sub == null) {
      return;
    }
    String where = tool + " " + sub;
    List<Tok> rest = args.subList(i + 1, args.size());
    ShellSession scoped = s.child();
    if (root != null) {
      scoped.condaRoot(root);
    }
    switch (sub) {
      case "activate" -> {
        selection(rest, site, where, scoped, true);
        s.condaRoot(scoped.condaRoot());
        copyActivation(scoped, s);
      }
      case "run" -> run(rest, site, where, scoped);
      case "shell", "shell.bash", "shell.zsh", "shell.posix" -> {
        for (int j = 0; j + 1 < rest.size(); j++) {
          String a = rest.get(j).text();
          if (a.equals("-r") || a.equals("--root-prefix")) {
            root = optionRoot(rest.get(j + 1), site, where + " " + a, scoped, root);
          }
        }
        s.hookRoot(root); // takes effect in the shell that evals this command's output
      }
      default -> { }
    }
  }

  private String optionRoot(Tok t, Site site, String where, ShellSession s, String current) {
    reader.use(t, site, where, s);
    if (!t.resolved()) {
      return current;
    }
    ctx.ref(Reference.of(Reference.Kind.CONDA_ROOT, t.text(), site, where));
    return t.text();
  }

  private static void copyActivation(ShellSession from, ShellSession to) {
    for (String name : List.of("PATH", "CONDA_PREFIX")) {
      Value v = from.variable(name);
      if (v != null) {
        to.set(name, v);
      }
    }
  }

  /** {@code -n NAME}, {@code -p PREFIX} or a bare NAME|PREFIX; returns the words after the options consumed. */
  private int selection(List<Tok> rest, Site site, String where, ShellSession s, boolean bareAllowed) {
    int j = 0;
    for (; j < rest.size(); j++) {
      Tok t = rest.get(j);
      String a = t.text();
      Tok next = j + 1 < rest.size() ? rest.get(j + 1) : null;
      if (a.equals("-n") || a.equals("--name") || a.equals("-p") || a.equals("--prefix")) {
        if (next != null) {
          reader.use(next, site, where + " " + a, s);
          if (next.resolved()) {
            boolean prefix = a.startsWith("-p") || a.equals("--prefix");
            // a prefix with no slash ("-p myenv") is a path relative to the current directory
            activate(prefix && !next.text().contains("/") ? "./" + next.text() : next.text(), site, where + " " + a, s);
          }
        }
        j++;
      } else if (a.equals("--cwd") || a.equals("-a") || a.equals("--attach") || a.equals("--label")) {
        j++;
      } else if (a.startsWith("-")) {
        continue;
      } else if (bareAllowed) {
        reader.use(t, site, where, s);
        if (t.resolved()) {
          activate(a, site, where, s);
        }
      } else {
        return j;
      }
    }
    return j;
  }

  private void run(List<Tok> rest, Site site, String where, ShellSession s) {
    int j = selection(rest, site, where, s, false);
    if (j < rest.size()) {
      List<Tok> command = new ArrayList<>(rest.subList(j, rest.size()));
      reader.command(command, site, where, s);
    }
  }

  /** Selects an environment by name (under the shell's installation) or prefix, and puts its bin/ first on PATH. */
  private void activate(String nameOrPrefix, Site site, String where, ShellSession s) {
    String prefix;
    if (!nameOrPrefix.contains("/")) {
      ctx.ref(Reference.of(Reference.Kind.ENV_NAME, nameOrPrefix, site, where));
      String root = Optional.ofNullable(s.condaRoot()).orElse(ctx.contract().rootPrefix());
      prefix = nameOrPrefix.equals("base") ? root : root + "/envs/" + nameOrPrefix;
    } else {
      prefix = nameOrPrefix.startsWith("/") ? nameOrPrefix : s.resolve(nameOrPrefix);
      if (prefix == null) {
        ctx.ref(Reference.of(Reference.Kind.ENV_PREFIX, nameOrPrefix, site, where));
        return;
      }
      ctx.ref(Reference.of(Reference.Kind.ENV_PREFIX, prefix, site, where)
          .how(nameOrPrefix.startsWith("/") ? "" : nameOrPrefix + " relative to " + s.cwd()));
    }
    s.activate(HostFs.normalize(prefix), at(site));
  }

  private static Located at(Site site) {
    return new Located("", site.file(), site.line() == null ? 1 : site.line());
  }
}
