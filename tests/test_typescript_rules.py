"""Every JS rule on TypeScript and TSX: the same findings, at the line and column of the .ts file."""
from __future__ import annotations

from pathlib import Path

import pytest

from minislint.engine import Engine
from minislint.runner import Runner
from minislint.source import SourceFile
from ruletester import lint, triples


def at(code: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of `needle` in `code`, found independently
    of the linter."""
    index = -1
    for _ in range(nth + 1):
        index = code.index(needle, index + 1)
    return code.count("\n", 0, index) + 1, index - (code.rfind("\n", 0, index) + 1) + 1


APP_TS = """\
import type { Config } from "./config";
import { type Store, createStore } from "./store";

declare const __DEV__: boolean;
export interface Payload<T = unknown> { data: T; code?: string }
type Handler = (p: Payload) => void;

enum Channel { Web = "web", Inline = eval("'x'") }

function track(event: string): void;
function track(event: string, data?: object): void;
function track(event: string, data?: object) {
  console.log(event, data!);
}

@Injectable<Store>({ providedIn: new Function("return this")() })
export abstract class Page<T extends object> implements Handler {
  private readonly timer?: number;
  declare config: Config;
  protected abstract render(): void;
  constructor(public code: string, private store = createStore<T>()) { super(); }

  later(code: string): void {
    setTimeout(code, 10);
    setTimeout(this.render.bind(this), 10);
  }

  go(url: string) {
    window.location!.href = url as const satisfies string;
    window.open?.(url)!;
  }

  copy(text: string) {
    return navigator.clipboard?.writeText(text as string)!;
  }
}

export const frame = <K extends keyof HTMLElementTagNameMap>(tag: K) =>
  document.createElement("iframe" as K);
const modes = ["eruda"] as const;
export default (window as any).eruda?.init<void>();
"""


def test_every_js_rule_fires_on_a_typescript_module():
    code = APP_TS
    assert triples(code, "src/page.ts") == sorted([
        ("no-eval", *at(code, "eval(")),                                   # in an enum initializer
        ("no-function-constructor", *at(code, 'Function("return')),        # in a decorator
        ("no-string-timer", *at(code, "code, 10")),                        # `code: string`
        ("no-navigation", *at(code, "window.location!")),
        ("no-navigation", *at(code, "window.open")),
        ("no-forbidden-api", *at(code, "navigator.clipboard")),
        ("no-iframe", *at(code, 'document.createElement("iframe"')),
        ("debug-console", *at(code, "(window as any).eruda")),
    ], key=lambda t: (t[1], t[2], t[0]))


APP_TSX = """\
import { useEffect, type FC } from "react";

type Props<T> = { src: string; items: readonly T[] };

export const Player = <T,>({ src, items }: Props<T>): JSX.Element => {
  useEffect(() => {
    const ref = document.getElementById("x") as HTMLElement | null;
    ref!.innerHTML = `<iframe src=${src}></iframe>`;
    setInterval(`tick(${items.length})`, 1000);
  }, [src]);
  return (
    <div onClick={() => navigator.vibrate?.(200)}>
      {items.map((item) => <Row<T> key={String(item)} value={item as T} />)}
      <video src={src!} controls />
    </div>
  );
};

export const Copy: FC<{ text: string }> = ({ text }) => (
  <button onClick={() => eval(text satisfies string)}>copy</button>
);
"""


def test_every_js_rule_fires_on_a_tsx_component():
    code = APP_TSX
    assert triples(code, "src/Player.tsx") == sorted([
        ("no-iframe", *at(code, "`<iframe")),
        ("no-string-timer", *at(code, "`tick(")),
        ("no-forbidden-api", *at(code, "navigator.vibrate")),
        ("no-native-video", *at(code, "<video")),
        ("no-eval", *at(code, "eval(text")),
    ], key=lambda t: (t[1], t[2], t[0]))


# --- no-string-timer reads `: string` in TypeScript only ---------------------------------------

STRING_TIMER = """\
function later(code: string) { setTimeout(code, 10) }
function label(): string { return "x" }
function ok(cb: () => void, s?: 'a' | 'b') { setTimeout(cb, 10); setTimeout(label, 10); setInterval(s, 5) }
const src: string = load();
let fn: Function = load(), n: number = 1;
setTimeout(src, 1); setTimeout(fn, 1); setTimeout(n, 1);
setInterval(label(), 1); setInterval(ok(), 1);
setTimeout(load() as string, 1); setTimeout((<string>load())!, 1); setTimeout(load() as any, 1);
setTimeout(load() as unknown as () => void, 1);
"""


def test_string_declarations_count_in_typescript():
    code = STRING_TIMER
    assert triples(code, "a.ts", "no-string-timer") == [
        ("no-string-timer", *at(code, "code, 10")),
        ("no-string-timer", *at(code, "s, 5")),
        ("no-string-timer", *at(code, "src, 1")),
        ("no-string-timer", *at(code, "label(), 1")),  # a call of a function declared `(): string`
        ("no-string-timer", *at(code, "load() as string")),
        ("no-string-timer", *at(code, "load())!")),  # the call inside the parentheses
    ]


def test_the_same_code_as_javascript_is_clean():
    js = "function later(code) { setTimeout(code, 10) }\nconst src = load();\nsetTimeout(src, 1);\n"
    assert triples(js, "a.js", "no-string-timer") == []


# --- things that only look like violations -----------------------------------------------------

CLEAN_TS = """\
interface Api { eval(code: string): void; open(): void; location: string }
type Tag = "iframe" | "video";
declare function eval(x: string): unknown;
declare const location: { href: string };
declare namespace navigator { const clipboard: unknown }
let f: Function | null = null;
enum Nav { location = 1, open, eval }
class Page { private open(): void {} go() { this.open() } readonly location = "here" }
const t = setTimeout(() => f?.call(null), 10) as unknown as number;
"""


def test_type_only_mentions_stay_clean():
    assert triples(CLEAN_TS, "a.ts") == []


# --- non-erasable constructs are linted too ----------------------------------------------------

def test_namespace_and_parameter_property_code_is_linted():
    code = (
        "namespace App.Boot {\n"
        "  export const run = (): void => { eval('boot') }\n"
        "}\n"
        "class S { constructor(private readonly t = setTimeout('x()', 1)) {} }\n"
        "import legacy = require('legacy');\n"
        "export = legacy.init(Function('a'));\n"
    )
    assert triples(code, "a.ts") == [
        ("no-eval", *at(code, "eval(")),
        ("no-string-timer", *at(code, "'x()'")),
        ("no-function-constructor", *at(code, "Function(")),
    ]


def test_legacy_cast_and_generic_call_in_ts():
    code = "const g = <any>window;\ng.eval<string>('1');\n(<Window>globalThis).open!('/x');\n"
    assert triples(code, "a.ts") == [
        ("no-eval", *at(code, "eval<")),
        ("no-navigation", *at(code, "(<Window>")),
    ]


# --- files, encodings, module kinds ------------------------------------------------------------

def test_crlf_bom_and_non_ascii_positions():
    code = "\ufeff// 视频 🎬\r\nconst msg: string = '😀';\r\nsetTimeout(msg, 1) // 定时\r\n"
    assert triples(code, "a.ts", "no-string-timer") == [("no-string-timer", 3, 12)]


@pytest.mark.parametrize("ext", [".ts", ".tsx", ".mts", ".cts"])
def test_every_extension_is_linted(ext):
    assert triples("eval(x as string)\n", "a" + ext) == [("no-eval", 1, 1)]


def test_mts_is_a_module_and_cts_a_script():
    assert triples("import { a } from './a';\neval(a!)\n", "a.mts") == [("no-eval", 2, 1)]
    found = triples("import { a } from './a';\neval(a!)\n", "a.cts")
    assert [f[0] for f in found] == ["syntax-error"]  # import declarations need a module
    assert triples("with (o) { eval(x) }\n", "a.cts") == [("no-eval", 1, 12)]  # sloppy script


@pytest.mark.parametrize("name", ["types.d.ts", "env.d.mts", "api.D.CTS"])
def test_declaration_files_are_not_linted(name):
    assert triples("declare function eval(x: string): void;\nexport declare const q: string;\n", name) == []


# --- syntax errors -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "code, name, where",
    [
        # tree-sitter reports where the construct it could not parse starts
        ("const a = 1;\nconst b = (a: number => a;\n", "a.ts", (2, 9)),
        ("export const C = () => <div>{eval(x)}</span>;\n", "a.tsx", (1, 45)),  # found by esprima
        ("function f(\n", "a.ts", (1, 1)),
        ("let x = <T>(y);\n", "a.tsx", (1, 1)),  # in TSX, `<T>` is JSX, not a cast
    ],
)
def test_a_file_that_does_not_parse_is_one_syntax_error(code, name, where):
    found = lint(code, name)
    assert [(f.rule, f.line, f.column) for f in found] == [("syntax-error", *where)]


def test_syntax_error_message():
    found = lint("const b = (a: number => a;\n", "a.ts")
    assert [f.message for f in found] == ["TypeScript: unexpected `= (a: number => a`"]


def test_binary_junk_named_ts_never_crashes():
    found = lint("\x00\x01\ufffd<<<>>>{{{", "a.ts")
    assert [f.rule for f in found] == ["syntax-error"]


# --- Vue <script lang="ts"> --------------------------------------------------------------------

VUE = """\
<template>
  <div @click="go">{{ msg }}</div>
</template>

<script lang="ts">
import { Component, Prop, Vue } from "vue-property-decorator";

@Component({ name: eval("'Hello'") })
export default class Hello extends Vue {
  @Prop({ type: String }) readonly msg!: string;
  go(): void { setTimeout(this.msg as string, 1); location.assign("/x") }
}
</script>
"""


def test_vue_script_lang_ts_with_decorators():
    code = VUE
    assert triples(code, "Hello.vue") == [
        ("no-eval", *at(code, "eval(")),
        ("no-string-timer", *at(code, "this.msg as string")),
        ("no-navigation", *at(code, "location.assign")),
    ]


def test_decorator_fragment_and_meta():
    engine = Engine()
    lang = engine.registry.language_for(Path("a.ts"))
    file = SourceFile(Path("a.ts"), "a.ts", "@dec() class A { m(code: string): string { return code } }")
    main, decorators = lang.split(file)
    assert main.language == decorators.language == "js"
    assert main.meta["typescript"] and decorators.meta["decorators"]
    assert main.meta["string_decls"] == {file.text.index("code")}
    assert len(main.text) == len(decorators.text) == len(file.text)


def test_hls_video_segments_named_ts_are_not_typescript(tmp_path):
    # Mini dramas ship HLS video: MPEG transport stream packets of 188 bytes, each starting 0x47.
    packet = bytes([0x47, 0x40, 0x00, 0x10]) + bytes(range(184))
    (tmp_path / "seg0.ts").write_bytes(packet * 20)
    (tmp_path / "seg1.ts").write_bytes((b"G" + bytes(range(100, 255)) + b"\xff" * 32) * 20)  # no NUL
    (tmp_path / "real.ts").write_text("Gx = 1;\neval(Gx as any)\n")  # code may start with G too
    result = Runner(Engine()).run([tmp_path])
    assert [(Path(f.path).name, f.rule, f.line) for f in result.findings] == [("real.ts", "no-eval", 2)]


BOOT_TS = """\
import confetti from "https://esm.sh/canvas-confetti";
import type { InitOptions } from "@tiktok/minis";
import VConsole from "vconsole";

declare const TTMinis: any;

export function boot<T extends InitOptions>(opts: T): void {
  window.addEventListener("load", (): void => TTMinis.authorize({ scope: "user.info.basic" }));
  TTMinis.setNavigationBarColor?.({ frontColor: "#fff" as const, backgroundColor: "#000000" });
  document.head.insertAdjacentHTML("beforeend", '<link rel=stylesheet href=//cdn.example/a.css>');
  new WebSocket(`wss://chat.example.org/${opts!}`);
}
"""


def test_sdk_domain_and_resource_rules_on_typescript():
    code = BOOT_TS
    assert triples(code, "src/boot.ts") == sorted([
        ("no-foreign-script", *at(code, '"https://esm.sh')),
        ("debug-console", *at(code, "import VConsole")),
        ("authorize-on-entry", *at(code, "TTMinis.authorize")),
        ("nav-bar-color", *at(code, "TTMinis.setNavigationBarColor")),
        ("nav-bar-color", *at(code, '"#fff"')),
        ("no-foreign-stylesheet", *at(code, "'<link")),
        ("untrusted-domain", *at(code, "`wss://")),
    ], key=lambda t: (t[1], t[2], t[0]))


def test_vue_ts_block_that_does_not_parse():
    code = '<template><p/></template>\n<script lang="ts">\nconst a: number = 1;\nconst b = (a: number => a;\n</script>\n'
    found = lint(code, "Broken.vue")
    assert [(f.rule, f.line, f.column) for f in found] == [("syntax-error", 4, 9)]


@pytest.mark.parametrize("name", ["a.tsx", "a.jsx"])
def test_jsx_fragments_parse(name):
    code = "export const L = () => (\n  <>\n    <video src={s} />\n    <>{eval(x)}</>\n  </>\n);\n"
    assert triples(code, name) == [("no-native-video", 3, 5), ("no-eval", 4, 8)]
    assert [f[0] for f in triples("const a = <></b>;\n", name)] == ["syntax-error"]
