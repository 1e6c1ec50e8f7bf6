"""Top-level blocks of a Vue single-file component, with exact content ranges.

Follows @vue/compiler-sfc's ``parse``: a top-level ``<template>`` (no ``lang`` or
``lang="html"``) is markup, so nested ``<template v-if>`` elements are balanced; every other
top-level element (``<script>``, ``<script setup>``, ``<style>``, custom blocks such as
``<i18n>``) is raw text up to its own end tag. Inside the template, ``<script>``,
``<style>``, ``<textarea>`` and ``<title>`` are raw text as in Vue's tokenizer.

    for block in split_sfc(text):
        block.type            # "template" | "script" | "style" | custom name
        block.start, block.end  # content range in ``text`` (between the tags)
        block.lang, block.setup, block.scoped, block.module, block.src, block.closed
        block.tag             # the scan.Tag of the opening tag (attribute offsets)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from .scan import Tag, scan

# Vue's tokenizer special-cases these four inside templates (compiler-core Sequences).
_TEMPLATE_RAW = {"script": "script", "style": "rawtext", "textarea": "rcdata", "title": "rcdata"}


def template_raw_text(tag: Tag) -> Optional[str]:
    """Raw-text policy for the markup inside a Vue ``<template>`` (see scan.scan)."""
    return _TEMPLATE_RAW.get(tag.name) if tag.kind == "start" else None


@dataclass
class SfcBlock:
    type: str
    tag: Tag
    start: int
    end: int
    closed: bool = True

    @property
    def lang(self) -> Optional[str]:
        lang = self.tag.get("lang")
        return lang.strip().lower() if lang else None

    @property
    def setup(self) -> bool:
        return self.tag.has("setup")

    @property
    def scoped(self) -> bool:
        return self.tag.has("scoped")

    @property
    def module(self) -> Union[bool, str]:
        """False, True (``<style module>``) or the module's name (``module="classes"``)."""
        if not self.tag.has("module"):
            return False
        return self.tag.get("module") or True

    @property
    def src(self) -> Optional[str]:
        return self.tag.get("src")


class _SfcPolicy:
    def __init__(self):
        self.depth = 0               # open <template> elements in the markup template
        self.template: Optional[Tag] = None
        self.blocks: list = []
        self.custom: Optional[SfcBlock] = None  # open custom block the tokenizer can't skip

    def __call__(self, tag: Tag) -> Optional[str]:
        if self.custom is not None:
            if tag.kind == "end" and tag.name == self.custom.type:
                self.custom.end, self.custom.closed, self.custom = tag.start, True, None
            return None
        if self.depth:
            if tag.name == "template" and not tag.self_closing:
                self.depth += 1 if tag.kind == "start" else -1
                if not self.depth:
                    self.blocks.append(SfcBlock("template", self.template,
                                                self.template.end, tag.start))
                    self.template = None
                return None
            return template_raw_text(tag)
        if tag.kind != "start":
            return None
        if tag.self_closing:  # e.g. <template src="./view.html" />
            self.blocks.append(SfcBlock(tag.name, tag, tag.end, tag.end))
            return None
        if tag.name == "template" and (tag.get("lang") or "html").strip().lower() == "html":
            self.depth, self.template = 1, tag
            return None
        block = SfcBlock(tag.name, tag, tag.end, tag.end)
        self.blocks.append(block)
        if not tag.name.isalpha():
            # html5lib only matches end tags spelt in ASCII letters in raw text (`</i18n>`
            # would never end it), so such a block is tokenized and its tags ignored.
            self.custom, block.closed = block, False
            return None
        return "rawtext"


def split_sfc(text: str) -> list:
    """The SFC's top-level blocks in document order."""
    policy = _SfcPolicy()
    scan(text, raw_text=policy)
    if policy.template is not None:  # file ends inside <template>
        policy.blocks.append(SfcBlock("template", policy.template, policy.template.end,
                                      len(text), closed=False))
    if policy.custom is not None:
        policy.custom.end = len(text)
    for block in policy.blocks:
        if block.tag.body is not None:  # a raw-text block: the scanner knows its content
            block.start, block.end = block.tag.body
            block.closed = block.tag.body_closed
    policy.blocks.sort(key=lambda b: b.tag.start)
    return policy.blocks
