# Role: post-build — the last look at the built HTML: a tripwire for markup the site never makes, and a CSP.
"""Defence in depth, after the engine has written every page.

Content can never add markup (see `text`); this step checks that promise on the finished pages,
whatever went wrong before it. Every element and attribute must be one that the theme or the
generator makes on purpose (`ALLOWED`); no attribute may be an event handler; no link may run a
script; nothing may be loaded from another host; every inline script must be one of the theme's
own, as its templates write it. A page that breaks a rule is reported with the nearest anchor
before the offending element, which the caller turns into the YAML entry that produced it.

When every page passes, each one gets a Content-Security-Policy as the first thing in its head:
everything only from the site itself, and of inline scripts only the theme's own, by their
SHA-256 hashes. A script that slipped past everything else would still not run. (WebAssembly may
run: the search engine, Pagefind, is compiled to it; it is loaded from the site like any script.)

Last, `index_search` builds the search index (Pagefind) over every page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

_GLOBAL = frozenset(
    {
        "class",
        "id",
        "title",
        "hidden",
        "role",
        "tabindex",
        "dir",
        "lang",
        "aria-label",
        "aria-hidden",
        "aria-labelledby",
        "aria-expanded",
    }
)
_SVG_SHAPES = {
    "circle": {"cx", "cy", "r"},
    "line": {"x1", "x2", "y1", "y2"},
    "path": {"d"},
    "polygon": {"points"},
    "rect": {"height", "rx", "width", "x", "y"},
    "text": {"text-anchor", "x", "y"},
    "tspan": {"dx"},
}
ALLOWED: dict[str, frozenset[str]] = {
    tag: _GLOBAL | frozenset(extra)
    for tag, extra in {
        # the page and the theme's frame
        "html": set(),
        "head": set(),
        "title": set(),
        "meta": {"charset", "content", "name", "property"},
        "link": {"href", "rel"},
        "script": {"src", "type"},
        "body": {"data-md-color-accent", "data-md-color-primary", "data-md-color-scheme"},
        "header": {"data-md-component"},
        "main": {"data-md-component"},
        "footer": set(),
        "nav": {"data-md-level"},
        "article": set(),
        "div": {
            "data-md-component",
            "data-md-scrollfix",
            "data-md-type",
            "data-term",
            "data-site-search",
            "aria-live",
            "aria-atomic",
        },
        "form": {"name", "method", "data-md-component"},
        "input": {
            "aria-controls",
            "aria-describedby",
            "autocapitalize",
            "autocomplete",
            "autocorrect",
            "checked",
            "data-md-color-accent",
            "data-md-color-media",
            "data-md-color-primary",
            "data-md-color-scheme",
            "data-md-component",
            "data-md-toggle",
            "name",
            "placeholder",
            "required",
            "spellcheck",
            "type",
        },
        "label": {"for"},
        "button": {"type", "value", "data-md-component", "aria-haspopup", "aria-controls"},
        "dialog": {"aria-labelledby"},
        # text
        "h1": set(),
        "h2": set(),
        "h3": set(),
        "h4": set(),
        "p": {"aria-live"},
        "a": {"href", "rel", "target", "data-md-component"},
        "span": set(),
        "em": set(),
        "strong": set(),
        "code": set(),
        "time": {"datetime"},
        "pre": set(),
        "br": set(),
        "hr": set(),
        "ul": {"data-md-component", "data-md-scrollfix"},
        "ol": set(),
        "li": set(),
        "details": set(),
        "summary": set(),
        "figure": set(),
        "figcaption": set(),
        "table": {"data-sortable"},
        "thead": set(),
        "tbody": set(),
        "tr": set(),
        "th": {"scope"},
        "td": set(),
        # the generator's diagrams and the theme's icons
        "svg": {
            "height",
            "viewbox",
            "width",
            "xmlns",
            "fill",
            "stroke",
            "stroke-linecap",
            "stroke-linejoin",
            "stroke-width",
        },
        "g": set(),
        "desc": set(),
        **_SVG_SHAPES,
    }.items()
}
"""Every element the theme and the generator make, and the attributes each may carry."""
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"})
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
_OTHER_HOST = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_NAVIGATION_LINKS = frozenset({"canonical", "prev", "next", "alternate"})
"""``<link rel>`` values that name a page rather than load anything: they may be absolute."""


@dataclass(frozen=True)
class Finding:
    """Something on a built page that the site does not make."""

    page: str
    """The built file, relative to the site folder (``glossary/index.html``)."""
    line: int
    anchor: str | None
    """The last ``id`` before the offending element in the page's content, if any."""
    message: str
    tag: str = ""
    """The offending element's tag name, to find it in a hand-written page's source."""


class ThemeScripts:
    """The inline scripts the theme's templates write, as patterns their rendered text must match."""

    def __init__(self, template_dirs: Iterable[Path]) -> None:
        patterns: set[str] = set()
        for directory in template_dirs:
            for template in sorted(Path(directory).rglob("*.html")):
                source = template.read_text(encoding="utf-8")
                for body in re.findall(r"<script>(.*?)</script>", source, re.DOTALL):
                    patterns.add(_pattern(body))
        self._patterns = [re.compile(pattern, re.DOTALL) for pattern in sorted(patterns)]

    def __contains__(self, body: str) -> bool:
        return any(pattern.fullmatch(body) for pattern in self._patterns)


def _pattern(template_body: str) -> str:
    """A template's script as a pattern: its text literally, each template expression as a relative path."""
    pieces = re.split(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", template_body, flags=re.DOTALL)
    return r"[\w./-]*".join(re.escape(piece) for piece in pieces)


def script_hash(body: str) -> str:
    """The CSP source that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(script_hashes: Iterable[str]) -> str:
    """The Content-Security-Policy of a page whose inline scripts have these hashes."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(set(script_hashes))])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


class _PageScan(HTMLParser):
    def __init__(self, page: str, site: Path, base_path: str, scripts: ThemeScripts) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.site, self.base_path, self.scripts = page, site, base_path, scripts
        self.findings: list[Finding] = []
        self.inline_scripts: list[str] = []
        self._anchor: str | None = None
        self._in_article = False
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []
        self._tag = ""

    def problem(self, message: str) -> None:
        self.findings.append(Finding(self.page, self.getpos()[0], self._anchor, message, self._tag))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        attributes = {name: value or "" for name, value in attrs}
        allowed = ALLOWED.get(tag)
        if allowed is None:
            self.problem(f"a <{tag}> element, which neither the theme nor the generator makes")
        else:
            for name in attributes:
                if name.startswith("on"):
                    self.problem(f"an event handler '{name}' on <{tag}>")
                elif name not in allowed:
                    self.problem(f"an attribute '{name}' on <{tag}>, which neither the theme nor the generator makes")
        for name, value in attributes.items():
            if name in URL_ATTRIBUTES and _SCRIPT_URL.match(value):
                self.problem(f"a script or data URL '{value.strip()[:40]}' in '{name}' of <{tag}>")
        loads = attributes.get("src") or (
            attributes.get("href") if tag == "link" and attributes.get("rel") not in _NAVIGATION_LINKS else None
        )
        if loads and _OTHER_HOST.match(loads):
            self.problem(f"a <{tag}> that loads '{loads[:60]}' from another host")
        if tag == "article":
            self._in_article, self._anchor = True, None  # ids outside the content belong to the theme
        if attributes.get("id") and self._in_article:
            self._anchor = attributes["id"]
        if tag == "script":
            self._script, self._script_text = attributes, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article, self._anchor = False, None
        if tag != "script" or self._script is None:
            return
        self._tag = tag
        attributes, body = self._script, "".join(self._script_text)
        self._script = None
        kind = attributes.get("type", "")
        if attributes.get("src"):
            if body.strip():
                self.problem("a <script> with both a src and inline code")
            elif not _OTHER_HOST.match(attributes["src"]) and not self._is_site_file(attributes["src"]):
                self.problem(f"a <script> whose src '{attributes['src'][:60]}' is not a file of the site")
        elif kind in ("application/ld+json", "application/json"):
            try:
                json.loads(body)
            except ValueError:
                self.problem(f"a <script type='{kind}'> that is not valid JSON")
        elif kind not in ("", "text/javascript"):
            self.problem(f"a <script type='{kind[:40]}'>")
        elif body in self.scripts:
            self.inline_scripts.append(body)
        else:
            self.problem(f"an inline <script> that is not one of the theme's own ({' '.join(body.split())[:60]})")

    def _is_site_file(self, url: str) -> bool:
        path = url.split("?", 1)[0].split("#", 1)[0]
        if path.startswith("/"):  # from the site's root, as on the 404 page
            return path.startswith(self.base_path) and (self.site / path.removeprefix(self.base_path)).is_file()
        return (self.site / Path(self.page).parent / path).resolve().is_file()


def scan_page(
    page: str, html: str, site: Path, base_path: str, scripts: ThemeScripts
) -> tuple[list[Finding], list[str]]:
    """The findings on one built page, and the bodies of its (allowed) inline scripts.

    `base_path` is the URL path of the site's root (``/`` or ``/project/``), for root-relative links.
    """
    scan = _PageScan(page, site, base_path, scripts)
    scan.feed(html)
    scan.close()
    return scan.findings, scan.inline_scripts


def with_policy(html: str, content_security_policy: str) -> str:
    """`html` with the policy as a ``<meta http-equiv>``, right after the charset (or the ``<head>``)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy}">'
    charset = re.search(r"<meta charset=[^>]*>", html, re.IGNORECASE)
    head = charset or re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head is None:
        return meta + html
    return html[: head.end()] + "\n    " + meta + html[head.end() :]


_TAG = re.compile(r"<(input|label)\b[^>]*>", re.IGNORECASE)
_ID = re.compile(r"""\sid=["']?([^"'\s>]+)""")


def valid_html(html: str) -> str:
    """Three repairs to the themes' markup that the W3C checker asks for, none of which a reader sees:

    - ``autocomplete`` on a checkbox (the themes' drawer and search toggles): not allowed there;
    - a ``<label for>`` naming no element of the page (the table-of-contents title on pages that
      are not in the navigation): the ``for`` goes;
    - ``aria-hidden`` on a label tied to a control (Zensical's drawer overlay): the label is empty,
      so it is not read anyway.
    """
    ids = set(_ID.findall(html))

    def repair(tag: re.Match[str]) -> str:
        text = tag.group(0)
        if tag.group(1).lower() == "input" and re.search(r"""type=["']?(checkbox|radio)\b""", text):
            return re.sub(r"""\s+autocomplete=["']?[^"'\s>]*["']?""", "", text)
        if tag.group(1).lower() == "label":
            target = re.search(r"""\sfor=["']?([^"'\s>]+)["']?""", text)
            if target and target.group(1) not in ids:
                return text.replace(target.group(0), "")
            if target:
                return re.sub(r"""\s+aria-hidden=["']?true["']?""", "", text)
        return text

    return _TAG.sub(repair, html)


PageScans = dict[str, tuple[bytes, list[Finding]]]
"""What `scan_site` found on each page (page → digest of its HTML, findings), to skip unchanged pages."""


def scan_site(
    site: Path, base_path: str, template_dirs: Iterable[Path], earlier: PageScans | None = None
) -> list[Finding]:
    """The findings on every page of the built `site`, changing nothing (the live preview's check).

    With `earlier` (kept by the caller between rebuilds, and updated here), a page whose HTML is
    byte for byte what was scanned last time keeps its findings instead of being parsed again.
    """
    scripts = ThemeScripts(template_dirs)
    findings: list[Finding] = []
    scans = earlier if earlier is not None else {}
    pages = {file.relative_to(site).as_posix(): file for file in sorted(site.rglob("*.html"))}
    for gone in scans.keys() - pages.keys():
        del scans[gone]
    for page, file in pages.items():
        html = file.read_text(encoding="utf-8")
        digest = hashlib.blake2b(html.encode("utf-8"), digest_size=16).digest()
        known = scans.get(page)
        if known is None or known[0] != digest:
            known = scans[page] = (digest, scan_page(page, html, site, base_path, scripts)[0])
        findings += known[1]
    return findings


def secure_site(site: Path, base_path: str, template_dirs: Iterable[Path]) -> list[Finding]:
    """Check every page of the built `site`, and give each page that passes its Content-Security-Policy
    (and the repairs of `valid_html`).

    Returns the findings: the build has failed if there are any (and its folder is thrown away).
    """
    scripts = ThemeScripts(template_dirs)
    findings: list[Finding] = []
    for file in sorted(site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        found, inline = scan_page(file.relative_to(site).as_posix(), html, site, base_path, scripts)
        findings += found
        if not found:
            secured = with_policy(valid_html(html), policy(script_hash(body) for body in inline))
            file.write_text(secured, encoding="utf-8")
    return findings


SEARCH_FOLDER = "pagefind"
"""Where the search index and Pagefind's own script go, under the site's root."""
SEARCH_EXCLUDED = (".headerlink", ".cite", ".sources", ".reviewed", ".faq-meta", ".pager", ".az-bar", ".term-mentions")
"""Parts of a page that are not worth finding: anchors, citations, review dates, pagers, letter bars."""


def index_search(site: Path) -> list[str]:
    """Build the Pagefind index of the built `site`: every page's article, with a sub-result for each
    heading and each entry (a glossary term, an FAQ) that has an id.

    Pagefind runs as its command-line program, which writes every file before it exits. (Its Python
    API stops the indexer as soon as it answers, and once left ``pagefind-entry.json`` empty: a
    search that fails on every page.)

    Returns what is wrong with the index, if anything: the build must then fail.
    """
    import subprocess
    import sys
    import tempfile

    command = [sys.executable, "-m", "pagefind", "--site", str(site.resolve()), "--output-subdir", SEARCH_FOLDER]
    command += ["--root-selector", "article", "--force-language", "en", "--silent"]
    for selector in SEARCH_EXCLUDED:
        command += ["--exclude-selectors", selector]
    with tempfile.TemporaryDirectory() as nowhere:  # not the project: Pagefind reads a pagefind.yml it finds there
        indexed = subprocess.run(command, cwd=nowhere, capture_output=True, text=True, check=False)
    if indexed.returncode != 0:
        output = " ".join((indexed.stderr or indexed.stdout).split())[-500:]
        return [f"pagefind: error: building the search index failed (exit {indexed.returncode}): {output}"]
    return search_bundle_problems(site / SEARCH_FOLDER)


def search_bundle_problems(bundle: Path) -> list[str]:
    """What makes the search index in `bundle` unusable: a missing or empty file, an entry file that
    is not JSON or names no index."""
    problems = [
        f"pagefind: error: the search index file {file.relative_to(bundle.parent)} is empty"
        for file in sorted(bundle.rglob("*"))
        if file.is_file() and file.stat().st_size == 0
    ]
    entry = bundle / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages")
    except (OSError, ValueError, AttributeError):
        languages = None
    if not languages:
        problems.append(f"pagefind: error: {entry.relative_to(bundle.parent)} is missing or names no index")
    return problems
