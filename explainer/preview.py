# Role: emit (live preview) — reuse a page's HTML between rebuilds when nothing it depends on changed.
"""Skips Python-Markdown for pages a live-preview rebuild would convert to the same HTML.

Saving one YAML file changes one or two generated pages, yet MkDocs converts every page again,
and conversion is half of a rebuild. A page's HTML depends on its Markdown, on the site's files
(links are made relative and checked against them), on the glossary (first mentions become links)
and on mkdocs.yml. When all of those are as they were at the last rebuild, the page gets its last
HTML back, with the table of contents, title and anchors that MkDocs and the theme read from it.
A page whose conversion logged a warning is converted every time, so the warning keeps showing.
Only `serve` uses this; a build converts every page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("mkdocs.plugins.explainer")


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass(frozen=True)
class _Converted:
    key: int
    html: str
    toc: Any
    title: str | None
    anchors: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None


@dataclass
class PageCache:
    """The converted pages of the last rebuild, and what this rebuild reuses."""

    context: int = 0
    _converted: dict[str, _Converted] = field(default_factory=dict)
    _pending: dict[str, tuple[int, int]] = field(default_factory=dict)  # page → (key, warnings before)
    _reused: dict[str, _Converted] = field(default_factory=dict)
    _warnings: _WarningCounter | None = None
    _built: int = 0

    def start_build(self, config_text: bytes, files: Any, glossary_fingerprint: int) -> None:
        """Called once the build's files are known: everything but the Markdown a page depends on."""
        if self._warnings is None:
            self._warnings = _WarningCounter()
            logging.getLogger("mkdocs").addHandler(self._warnings)
        site_files = tuple((file.src_uri, file.url) for file in files)
        self.context = hash((config_text, site_files, glossary_fingerprint))
        self._pending.clear()
        self._reused.clear()
        self._built = 0

    def finish_build(self) -> None:
        """Say (at debug level, `serve -v`) how many pages were converted and how many reused."""
        log.debug("preview: converted %d pages, reused %d unchanged ones", self._built, len(self._reused))

    def markdown_to_convert(self, page: Any, markdown: str) -> str:
        """`markdown`, or nothing to convert if the page's last HTML can be reused."""
        assert self._warnings is not None, "start_build comes first"
        uri = page.file.src_uri
        key = hash((self.context, uri, markdown))
        converted = self._converted.get(uri)
        if converted is not None and converted.key == key:
            self._reused[uri] = converted
            return ""
        self._reused.pop(uri, None)  # reused in the last build, changed since (a page built again alone)
        self._pending[uri] = (key, self._warnings.count)
        return markdown

    def converted_html(self, page: Any, html: str, files: Any) -> str:
        """The page's HTML: its last HTML restored onto the page if reused, else `html`, remembered."""
        assert self._warnings is not None, "start_build comes first"
        uri = page.file.src_uri
        reused = self._reused.get(uri)
        if reused is not None:
            page.toc = reused.toc
            page._title_from_render = reused.title
            page.present_anchor_ids = set(reused.anchors) if reused.anchors is not None else None
            if reused.links_to_anchors is not None:
                page.links_to_anchors = {
                    target: anchors
                    for target_uri, anchors in reused.links_to_anchors.items()
                    if (target := files.get_file_from_path(target_uri)) is not None
                }
            return reused.html
        self._built += 1
        key, warnings_before = self._pending.pop(uri, (0, -1))
        if warnings_before != self._warnings.count:  # warned (or never asked): convert it next time too
            self._converted.pop(uri, None)
            return html
        links = page.links_to_anchors
        self._converted[uri] = _Converted(
            key=key,
            html=html,
            toc=page.toc,
            title=getattr(page, "_title_from_render", None),
            anchors=frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
            links_to_anchors=None if links is None else {target.src_uri: dict(a) for target, a in links.items()},
        )
        return html
