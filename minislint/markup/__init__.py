"""Positions in markup and style sheets: HTML tags (scan), Vue SFC blocks (vue_sfc), CSS URLs
(stylesheet). Pure helpers with no engine dependency; the language plugins build on them."""
