"""minislint.markup.vue_sfc against @vue/compiler-sfc's own block ranges.

tests/data/markup/vue-compiler-sfc.json was written by @vue/compiler-sfc 3.5.45 `parse()` for
each .vue file there, as is and with every LF turned into CRLF (script in the file's header).
"""
import json
from pathlib import Path

import pytest

from minislint.markup.vue_sfc import split_sfc

DATA = Path(__file__).parent / "data" / "markup"
EXPECTED = json.loads((DATA / "vue-compiler-sfc.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_blocks_match_vue_compiler_sfc(key):
    name, _, variant = key.partition(":")
    text = (DATA / name).read_text(encoding="utf-8")
    if variant == "crlf":
        text = text.replace("\n", "\r\n")
    got = [dict(type=b.type, start=b.start, end=b.end, lang=b.lang, setup=b.setup,
                scoped=b.scoped, module=b.module) for b in split_sfc(text)]
    assert got == EXPECTED[key]["blocks"]
    assert all(b.closed for b in split_sfc(text))


def test_tricky_file_has_every_kind_of_block():
    text = (DATA / "tricky.vue").read_text(encoding="utf-8")
    blocks = split_sfc(text)
    assert [b.type for b in blocks] == ["template", "script", "script", "style", "style",
                                        "docs", "i18n"]
    setup = blocks[1]
    assert setup.setup and setup.lang == "ts"
    assert text[setup.start:setup.end].count("</template>") == 3
    assert blocks[4].module == "classes" and blocks[3].module is False


def test_script_before_template_and_attribute_offsets():
    text = '<script\n  setup\n  lang="TS">let a</script>\n<template><b/></template>'
    script, template = split_sfc(text)
    assert script.lang == "ts" and script.setup
    assert text[script.start:script.end] == "let a"
    assert text[script.tag.attr("lang").value_start:][:2] == "TS"
    assert text[template.start:template.end] == "<b/>"


def test_non_html_template_is_raw_text():
    text = '<template lang="pug">\ndiv\n  template(v-if="x")\n</template><style module>a{}</style>'
    template, style = split_sfc(text)
    assert (template.lang, text[template.start:template.end]) == ("pug", '\ndiv\n  template(v-if="x")\n')
    assert style.module is True


def test_unclosed_blocks_are_reported_not_raised():
    assert [(b.type, b.closed) for b in split_sfc("<template><div>")] == [("template", False)]
    (script,) = split_sfc("<script setup>\nconst a = 1\n")
    assert (script.closed, script.end) == (False, len("<script setup>\nconst a = 1\n"))
    assert split_sfc("") == [] and split_sfc("just text") == []


def test_self_closing_top_level_block_has_empty_content():
    (template,) = split_sfc('<template src="./view.html" />')
    assert template.src == "./view.html" and template.start == template.end
