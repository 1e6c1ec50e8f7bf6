"""Positions in markup and style sheets, shared by the html/css/vue languages and the rules.

- ``scan``: HTML tags with exact start offsets of tags, attribute names and values (html5lib).
- ``vue_sfc``: the top-level blocks of a Vue single-file component.
- ``stylesheet``: ``@import`` and ``url()`` in CSS with offsets (tinycss2).
- ``urls``: whether a URL loads from another host.
- ``dom``: DOM building in JavaScript (createElement, HTML strings written to the page, JSX).
"""
