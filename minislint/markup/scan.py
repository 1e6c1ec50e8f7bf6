"""HTML tags with exact source offsets, from html5lib's own tokenizer.

html5lib's tree builders keep no positions and its token stream only knows where a token
*ends*. This module drives ``html5lib._tokenizer.HTMLTokenizer`` one state at a time and
watches the state changes, so each tag gets the offset of its ``<`` and each attribute the
offsets of its name and raw value, as html5lib itself tokenized them (entities, unquoted
values, CRLF, tabs, tags spread over lines, upper-case names all included). Like the tree
builder, it switches the tokenizer into script-data / raw-text / RCDATA state after
``<script>``, ``<style>``, ``<textarea>``, ``<title>`` etc., so ``<script>`` text inside a
comment, a string in a script, or a ``<textarea>`` is never taken for a tag.

API (offsets index the text passed in, never the CRLF-folded copy html5lib sees)::

    from minislint.markup.scan import scan
    for tag in scan(text):                 # list[Tag], document order
        tag.name, tag.kind                 # "script", "start" | "end"   (name lower-cased)
        tag.start, tag.end                 # text[tag.start] == "<", text[tag.end - 1] == ">"
        tag.self_closing                   # "<br/>"
        tag.get("src")                     # decoded value (entities resolved) or None;
                                           # first of duplicate attributes wins, as in browsers
        a = tag.attr("src")                # Attr or None
        a.name, a.value                    # value None for a bare attribute (<script async>)
        a.name_start, a.name_end           # raw name range
        a.value_start, a.value_end         # raw value range, inside the quotes
        a.offset(i)                        # text offset of decoded value character i
        tag.body                           # (start, end) of a raw-text element's content,
                                           # e.g. an inline <script>; None for other tags
        tag.body_closed                    # False when the file ends before </script>

``scan(text, raw_text=policy)`` takes a callable that sees every tag in order and returns
the tokenizer state to enter after a start tag (``"script"``, ``"rawtext"``, ``"rcdata"``,
``"plaintext"``) or None. :class:`HtmlRawText` (the default) follows the HTML tree builder,
including ``<svg>``/``<math>`` content where ``<script>`` and ``<style>`` are ordinary tags.
``vue_sfc.split_sfc`` passes its own policy. html5lib 1.1 is the final html5lib release, so
the private tokenizer API this relies on does not move; tests pin its behaviour.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Optional

from .offsets import Normalized

# html5lib is imported on the first scan (_load): rule modules import this one at start-up, and
# html5lib costs ~60 ms that a run over JavaScript files alone never needs (issue 6, editor case).
# _START, _END, _Tokenizer and _Stream are defined by _load.


def __getattr__(name):  # `from minislint.markup.scan import _Stream` loads html5lib first
    if name in ("_START", "_END", "_Tokenizer", "_Stream"):
        _load()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# States entered by consuming exactly one "<" that may open a tag (start or end).
_LT_STATES = frozenset({
    "tagOpenState", "rcdataLessThanSignState", "rawtextLessThanSignState",
    "scriptDataLessThanSignState", "scriptDataEscapedLessThanSignState",
})
_VALUE_STATES = frozenset({
    "attributeValueDoubleQuotedState", "attributeValueSingleQuotedState",
    "attributeValueUnQuotedState",
})
_STATES = {"script": "scriptDataState", "rawtext": "rawtextState", "rcdata": "rcdataState",
           "plaintext": "plaintextState"}


@dataclass
class Attr:
    name: str                     # lower-cased, as html5lib reports it
    value: Optional[str]          # decoded; None when the attribute has no "="
    name_start: int
    name_end: int
    value_start: Optional[int] = None
    value_end: Optional[int] = None
    quote: str = ""               # '"', "'" or "" (unquoted or no value)
    # (raw_start, raw_end, decoded_start, decoded_end) of each character reference, in
    # html5lib's folded coordinates; used by offset().
    _refs: list = field(default_factory=list, repr=False)
    _norm: Optional[Normalized] = field(default=None, repr=False)
    _value_norm_start: int = field(default=0, repr=False)

    @property
    def start(self) -> int:
        return self.name_start

    def offset(self, index: int) -> int:
        """Text offset of decoded value character ``index`` (a reference maps to its ``&``)."""
        if self.value_start is None:
            return self.name_start
        raw = self._value_norm_start + index
        for r_start, r_end, d_start, d_end in self._refs:
            if index < d_start:
                break
            if index < d_end:
                raw = r_start
                break
            raw += (r_end - r_start) - (d_end - d_start)
        return self._norm.original(raw) if self._norm else raw


@dataclass
class Tag:
    name: str
    kind: str                     # "start" or "end"
    start: int
    end: int
    attrs: tuple = ()
    self_closing: bool = False
    body: Optional[tuple] = None  # (start, end) content of a raw-text element
    body_closed: bool = True

    def attr(self, name: str) -> Optional[Attr]:
        for a in self.attrs:
            if a.name == name:
                return a
        return None

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]:
        a = self.attr(name)
        if a is None:
            return default
        return a.value if a.value is not None else ""

    def has(self, name: str) -> bool:
        return self.attr(name) is not None

    @property
    def type(self) -> str:
        """Node type for tree walkers: "StartTag" or "EndTag"."""
        return "StartTag" if self.kind == "start" else "EndTag"

    @property
    def range(self) -> tuple:
        return self.start, self.end

    @property
    def name_range(self) -> tuple:
        skip = 1 if self.kind == "start" else 2
        return self.start + skip, self.start + skip + len(self.name)


class HtmlRawText:
    """Which elements switch the tokenizer, as html5lib's tree builder decides with scripting
    on (a Minis webview runs JavaScript, so ``<noscript>`` content is never markup there)."""

    STATES = {"script": "script", "style": "rawtext", "xmp": "rawtext", "iframe": "rawtext",
              "noembed": "rawtext", "noframes": "rawtext", "noscript": "rawtext",
              "textarea": "rcdata", "title": "rcdata", "plaintext": "plaintext"}

    def __init__(self):
        self._foreign = 0  # open <svg>/<math> elements: their <script>/<style> are plain tags

    def __call__(self, tag: Tag) -> Optional[str]:
        if tag.name in ("svg", "math"):
            if tag.kind == "start" and not tag.self_closing:
                self._foreign += 1
            elif tag.kind == "end" and self._foreign:
                self._foreign -= 1
            return None
        if tag.kind != "start" or self._foreign:
            return None
        return self.STATES.get(tag.name)


def _load() -> None:
    global _START, _END, _Tokenizer, _Stream
    from html5lib._inputstream import HTMLUnicodeInputStream
    from html5lib._tokenizer import HTMLTokenizer
    from html5lib.constants import tokenTypes

    class _StreamImpl(HTMLUnicodeInputStream):
        """html5lib's input stream plus the absolute offset of the next character."""

        def reset(self):
            super().reset()
            self.base = 0  # characters in chunks already consumed

        def readChunk(self, chunkSize=None):
            self.base += self.chunkSize
            return super().readChunk(chunkSize)

        def unget(self, char):
            if char is not None and self.chunkOffset == 0:
                self.base -= 1  # html5lib prepends the character to the current chunk
            super().unget(char)

        @property
        def offset(self) -> int:
            return self.base + self.chunkOffset

    class _TokenizerImpl(HTMLTokenizer):
        """Records where each character reference in an attribute value starts and ends."""

        def processEntityInAttribute(self, allowedChar):
            value = self.currentToken["data"][-1]
            start, d_start = self.stream.offset - 1, len(value[1])  # "&" is already consumed
            super().processEntityInAttribute(allowedChar)
            self.ref_sink(start, self.stream.offset, d_start, len(value[1]))

    _START, _END = tokenTypes["StartTag"], tokenTypes["EndTag"]
    _Tokenizer, _Stream = _TokenizerImpl, _StreamImpl


def scan(text: str, raw_text: Optional[Callable[[Tag], Optional[str]]] = None) -> list:
    """Every start and end tag of ``text``, in order (see the module docstring)."""
    norm = Normalized(text)
    policy = raw_text if raw_text is not None else HtmlRawText()
    if "_Tokenizer" not in globals():
        _load()
    tok = _Tokenizer("")
    stream = tok.stream = _Stream(norm.text)
    tok.tokenQueue = deque()

    tags: list = []
    lt = 0                 # folded offset of the last "<" that may open a tag
    token = None           # html5lib's current tag token, and what we learnt about it
    tag_start = 0
    raw_attrs: list = []   # html5lib's [name, value] lists of the current token
    recs: list = []        # our Attr per entry of raw_attrs (folded offsets for now)
    open_raw: Optional[Tag] = None

    def on_ref(r_start, r_end, d_start, d_end):
        if recs:
            recs[-1]._refs.append((r_start, r_end, d_start, d_end))

    tok.ref_sink = on_ref

    while True:
        before = tok.state.__name__
        more = tok.state()
        off = stream.offset
        after = tok.state.__name__ if more else "eof"

        if after != before and after in _LT_STATES:
            lt = off - 1
        cur = tok.currentToken
        if cur is not token and cur is not None and cur.get("type") in (_START, _END):
            token, tag_start = cur, lt
            raw_attrs = cur["data"] if isinstance(cur["data"], list) else []
            recs = []
        if token is not None and len(raw_attrs) > len(recs):
            name = raw_attrs[-1][0]
            recs.append(Attr(name="", value=None, name_start=off - len(name), name_end=off))
        if recs and before != after:
            rec = recs[-1]
            if before == "attributeNameState":
                rec.name_end = off - 1 if after != "eof" else off
            elif before == "beforeAttributeValueState" and after in _VALUE_STATES:
                quoted = after != "attributeValueUnQuotedState"
                rec.quote = {"attributeValueDoubleQuotedState": '"',
                             "attributeValueSingleQuotedState": "'"}.get(after, "")
                rec.value_start = off if quoted else off - len(raw_attrs[len(recs) - 1][1])
            elif before in _VALUE_STATES:
                rec.value_end = off - 1 if after != "eof" else off

        while tok.tokenQueue:
            t = tok.tokenQueue.popleft()
            if t["type"] not in (_START, _END):
                continue
            tag = _make_tag(t, tag_start, off, raw_attrs, recs, norm)
            tags.append(tag)
            if open_raw is not None and tag.kind == "end":
                open_raw.body = (open_raw.end, tag.start)
                open_raw = None
            state = policy(tag)
            if state and tag.kind == "start":
                tok.state = getattr(tok, _STATES[state])
                open_raw = tag
                tag.body = (tag.end, len(text))
        if not more:
            break

    if open_raw is not None:
        open_raw.body_closed = False
    return tags


def _make_tag(t, start, end, raw_attrs, recs, norm: Normalized) -> Tag:
    orig = norm.original
    attrs = []
    if t["type"] == _START:
        for (name, value), rec in zip(raw_attrs, recs):
            rec.name = name
            rec._norm = norm
            if rec.value_start is not None:
                rec.value = value
                rec._value_norm_start = rec.value_start
                if rec.value_end is None:  # "<a x=>": value never closed
                    rec.value_end = rec.value_start
                rec.value_start, rec.value_end = orig(rec.value_start), orig(rec.value_end)
            rec.name_start, rec.name_end = orig(rec.name_start), orig(rec.name_end)
            attrs.append(rec)
    return Tag(name=t["name"], kind="start" if t["type"] == _START else "end",
               start=orig(start), end=orig(end), attrs=tuple(attrs),
               self_closing=bool(t.get("selfClosing")))


def element_end(tags, tag: Tag) -> Optional[int]:
    """Where the raw-text element `tag` opens (a <script>) ends: after its end tag; None when
    it has no end tag."""
    if tag.body is None or not tag.body_closed:
        return None
    for t in tags:
        if t.kind == "end" and t.start == tag.body[1]:
            return t.end
    return None
