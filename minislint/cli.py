"""The command line: `minislint check|rules|explain`, with `check` implied (`minislint dist/`)."""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from minislint import __version__
from minislint.report import printable

SUBCOMMANDS = ("check", "rules", "explain", "server")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _rule_list(values) -> list:
    out = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minislint",
        description="Check a TikTok Minis H5 app against the platform's development restrictions.")
    parser.add_argument("--version", action="version", version=f"minislint {__version__}")
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser(
        "check", help="lint files and folders (the default command)", prog="minislint [check]",
        description="Check files and folders (default: .). At a Minis app's root (where "
                    "minis.config.json is) the whole app is checked: sources, config, and the "
                    "configured build output even when gitignored.",
        epilog="other commands: `minislint rules` lists the rules, `minislint explain RULE` prints "
               "one's documentation, `minislint server` runs the editor server.")
    check.add_argument("paths", nargs="*", default=[], help="files or folders (default: .)")
    check.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    check.add_argument("-o", "--output", help="write the report to this file instead of stdout")
    check.add_argument("--select", action="append", metavar="RULES", help="only these rule ids (comma-separated)")
    check.add_argument("--ignore", action="append", metavar="RULES", help="skip these rule ids (comma-separated)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    check.add_argument("--config", metavar="FILE", help="settings file (default: nearest .minislint.toml or pyproject.toml)")
    check.add_argument("--minis-config", metavar="FILE",
                       help="the app's minis.config.json (default: the nearest one above each file)")
    check.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="lint standard input (path `-`) as if it were this file, for editors")
    check.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="processes for many files (default: every core; 1 = no workers)")
    check.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the findings cache (.minislint_cache/ at the project root)")
    check.add_argument("--fix", action="store_true",
                       help="apply the safe fixes to the files, then report what remains")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="with --fix or --diff: apply the unsafe fixes too (review the change)")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff (for `git apply`) and change nothing")
    check.add_argument("--baseline", metavar="FILE",
                       help="fail only on findings not recorded in FILE; report its entries that no "
                            "longer match (default: the `baseline` setting)")
    check.add_argument("--write-baseline", metavar="FILE",
                       help="record today's findings in FILE (to adopt the gate on an existing app) and exit 0")
    sub.add_parser("rules", help="list every rule with its severity and summary")
    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("rule")
    sub.add_parser("server", help="run the Language Server over stdio, for editors (needs minislint[lsp])")
    return parser


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] in (["-h"], ["--help"]):
        argv = ["check", "--help"]  # the options people look for are check's
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv = ["check", *argv]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code not in (0, None) else EXIT_OK
    debug = getattr(args, "debug", False)
    try:
        if args.command == "rules":
            return cmd_rules()
        if args.command == "explain":
            return cmd_explain(args.rule)
        if args.command == "server":
            return cmd_server()
        return cmd_check(args)
    except KeyboardInterrupt:
        print("minislint: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except Exception as err:  # configuration, plugin or internal errors: one line, no traceback
        from minislint.config import ConfigError
        from minislint.plugins import PluginError

        if debug:
            raise
        kind = "" if isinstance(err, (ConfigError, PluginError, UsageError)) else "internal error: "
        print(f"minislint: {kind}{printable(str(err))}", file=sys.stderr)
        return EXIT_ERROR


def _registry():
    from minislint.plugins import default_registry

    return default_registry()


def cmd_rules() -> int:
    reg = _registry()
    width = max(len(r) for r in reg.rules)
    for rid in sorted(reg.rules):
        rule = reg.rules[rid]
        print(f"{rid:<{width}}  {rule.severity:<7}  {rule.summary}")
    return EXIT_OK


def cmd_explain(rule_id: str) -> int:
    reg = _registry()
    rule = reg.rules.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, list(reg.rules), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise UsageError(f"unknown rule '{rule_id}'{hint}; `minislint rules` lists them")
    from minislint.rule import explain_text

    print(explain_text(rule), end="")
    return EXIT_OK


def cmd_server() -> int:
    try:
        from minislint.server import main as serve
    except ImportError as err:
        raise UsageError(f"`minislint server` needs pygls ({err}): pip install 'pygls>=2,<3' (the lsp extra)") from None
    return serve()


def _lint_stdin(args, engine):
    from minislint.stdin import lint_stdin

    if args.paths not in ([], ["-"]):
        raise UsageError("--stdin-filename lints standard input: give `-` or no path")
    if not args.stdin_filename:
        raise UsageError("`-` (standard input) needs --stdin-filename to know the file type")
    if not engine.wants(Path(args.stdin_filename)):
        raise UsageError(f"--stdin-filename {args.stdin_filename}: not a file type minislint checks")
    return lint_stdin(engine, args.stdin_filename)


def load_settings(args, registry):
    from minislint import config

    if getattr(args, "config", None):
        path = Path(args.config)
        if not path.is_file():
            raise UsageError(f"--config {args.config}: no such file")
        data = config.toml().loads(path.read_text(encoding="utf-8"))
        table = data.get("tool", {}).get("minislint", {}) if path.name == "pyproject.toml" else data
        settings = config.from_table(table, str(path), path, registry.rules)
    else:
        stdin_name = getattr(args, "stdin_filename", None)  # an editor buffer: its own project
        settings = config.load(Path(stdin_name).absolute().parent if stdin_name else Path.cwd(), registry.rules)
    select = _rule_list(args.select)
    ignore = _rule_list(args.ignore)
    if select:
        settings.select = config.check_rule_ids(select, registry.rules, "--select")
    if ignore:
        settings.ignore |= config.check_rule_ids(ignore, registry.rules, "--ignore")
    if getattr(args, "minis_config", None):
        if not Path(args.minis_config).is_file():
            raise UsageError(f"--minis-config {args.minis_config}: no such file")
        settings.minis_config = Path(args.minis_config).absolute()
    return settings


def _fix(args, engine, result, relint):
    """--fix / --diff (apply_fixes.py): (the result to report, or the exit code of --diff);
    `relint()` checks the paths again after files were written."""
    from minislint import apply_fixes

    outcome = apply_fixes.fix_findings(engine, result.findings, args.unsafe_fixes)
    notes = list(outcome.notes)
    fixed, files = 0, 0
    if args.diff:
        text = "".join(apply_fixes.unified_diff(c) for c in outcome.changes)
        if args.output:
            _write_output(args.output, text)
        else:
            sys.stdout.write(text)
        fixed, files = outcome.fixed, len(outcome.changes)
    else:
        for change in outcome.changes:
            why = apply_fixes.write(change)
            if why:
                notes.append((change.display, why))
            else:
                fixed, files = fixed + change.fixed, files + 1
        if fixed:  # what remains after the fixes
            result = relint()
    for path, why in notes:
        print(f"minislint: {printable(path)}: {printable(why)}", file=sys.stderr)
    verb = "would fix" if args.diff else "fixed"
    summary = f"minislint: {verb} {fixed} finding{'s' * (fixed != 1)} in {files} file{'s' * (files != 1)}"
    if outcome.hidden_unsafe:
        summary += f"; {outcome.hidden_unsafe} more with --unsafe-fixes"
    print(summary, file=sys.stderr)
    if args.diff:
        return result, EXIT_FINDINGS if outcome.changes else EXIT_OK
    return result, None


def _check_output(path: str) -> None:
    """-o that cannot be written: one line and exit 2 before the check, not an internal error after."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"-o {path}: is a folder")
    if not target.parent.is_dir():
        raise UsageError(f"-o {path}: no such folder {target.parent.as_posix()}")
    if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise UsageError(f"-o {path}: not writable")


def _write_output(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as err:
        raise UsageError(f"-o {path}: cannot write: {err.strerror or err}") from None


def _shown_settings(settings) -> str:
    if settings.source is None:
        return ""
    try:
        return Path(os.path.relpath(settings.source)).as_posix()
    except ValueError:
        return Path(settings.source).as_posix()


def cmd_check(args) -> int:
    from minislint.engine import Engine
    from minislint.policy import Baseline, BaselineError, Policy
    from minislint.report import ReportContext, render
    from minislint.runner import Runner

    if args.output:
        _check_output(args.output)
    registry = _registry()
    settings = load_settings(args, registry)
    engine = Engine(settings, registry)
    baseline_file = args.baseline or (settings.baseline if not args.write_baseline else None)
    try:
        baseline = Baseline.load(Path(baseline_file)) if baseline_file else None
    except BaselineError as err:
        raise UsageError(str(err)) from None
    sources = {}
    if args.stdin_filename or args.paths == ["-"]:
        if args.fix or args.diff:
            raise UsageError("--fix and --diff change files: they do not read standard input")
        result, sources = _lint_stdin(args, engine)
        Runner(engine, policy=Policy(settings, baseline, sources=sources)).finish(result, result.findings)
    else:
        from minislint.parallel import default_jobs
        from minislint.progress import Progress

        if args.jobs is not None and args.jobs < 1:
            raise UsageError("--jobs must be 1 or more")
        # Capped at the cores: -j64 on 2 cores started 65 processes that only fought for them.
        jobs = min(args.jobs or default_jobs(), default_jobs())
        cache = None
        if not args.no_cache:
            from minislint.cache import Cache  # here: --no-cache runs need no hashlib, hmac, secrets

            cache = Cache.for_engine(engine)
        runner = Runner(engine, jobs, cache, Policy(settings, baseline))
        progress = Progress()
        try:
            result = runner.run([Path(p) for p in (args.paths or ["."])], progress)
        finally:
            progress.close()
    if args.fix or args.diff:
        result, diff_exit = _fix(args, engine, result,
                                 lambda: runner.run([Path(p) for p in (args.paths or ["."])]))
        if diff_exit is not None:
            return diff_exit
    named_missing = False
    for path, message, named in result.problems:
        print(f"minislint: {printable(path)}: {printable(message)}", file=sys.stderr)
        named_missing |= named
    if args.write_baseline:
        n = Baseline.write(Path(args.write_baseline), result.findings, Policy(settings, sources=sources))
        print(f"minislint: wrote {n} baseline entries for {len(result.findings)} findings to "
              f"{printable(args.write_baseline)}", file=sys.stderr)
        return EXIT_ERROR if result.internal_errors or named_missing else EXIT_OK
    for rule, path, what in result.stale:
        print(printable(f"minislint: baseline {baseline_file}: stale entry, the problem is gone (remove it): "
                        f"{path}: {rule}: {what}"), file=sys.stderr)
    ctx = ReportContext(rules=registry.rules, files=result.files, sources=sources, accepted=result.accepted,
                        skipped=result.skipped, suppressed=result.suppressed, settings_file=_shown_settings(settings),
                        color=args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    out = render(args.format, result.findings, ctx)
    if args.output:
        _write_output(args.output, out)
    else:
        sys.stdout.write(out)
    if result.internal_errors or named_missing:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if any(f.severity == "error" for f in result.findings) else EXIT_OK
