"""postbuild: the tripwire fails the build on markup the site never makes, naming the page and the
YAML entry; every page that passes gets a Content-Security-Policy that allows only the theme's own
inline scripts."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

import build_site
from conftest import FIXTURE, ROOT, copy_project
from explainer import text
from explainer.postbuild import PageScans, ThemeScripts, scan_page, scan_site, with_policy

MATERIAL = Path(str(__import__("material").__file__)).parent / "templates"
THEME = ThemeScripts([ROOT / "explainer" / "theme", MATERIAL])
THEME_SCRIPT = '<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>'


def findings(body: str, site: Path = ROOT) -> list[str]:
    page = f'<html><head><meta charset="utf-8"></head><body><article><h2 id="entry">Entry</h2>{body}</article></body></html>'
    return [f"{f.anchor}: {f.message}" for f in scan_page("faq/index.html", page, site, "/", THEME)[0]]


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<script>alert(1)</script>", "entry: an inline <script> that is not one of the theme's own (alert(1))"),
        ("<iframe src=x></iframe>", "entry: a <iframe> element, which neither the theme nor the generator makes"),
        ("<object data=x></object>", "entry: a <object> element, which neither the theme nor the generator makes"),
        ('<p onclick="alert(1)">x</p>', "entry: an event handler 'onclick' on <p>"),
        ('<svg/onload="alert(1)">', "entry: an event handler 'onload' on <svg>"),
        ('<a href="javascript:alert(1)">x</a>', "entry: a script or data URL 'javascript:alert(1)' in 'href' of <a>"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "entry: a script or data URL 'JaVaScRiPt:alert(1)' in 'href' of <a>"),
        (
            '<a href="&#106;avascript:alert(1)">x</a>',
            "entry: a script or data URL 'javascript:alert(1)' in 'href' of <a>",
        ),
        (
            '<p style="color:red">x</p>',
            "entry: an attribute 'style' on <p>, which neither the theme nor the generator makes",
        ),
        (
            '<script src="https://evil.example/x.js"></script>',
            "entry: a <script> that loads 'https://evil.example/x.js' from another host",
        ),
        (
            '<link rel="stylesheet" href="//evil.example/x.css">',
            "entry: a <link> that loads '//evil.example/x.css' from another host",
        ),
        (
            '<script type="application/ld+json">{"a": </script>',
            "entry: a <script type='application/ld+json'> that is not valid JSON",
        ),
        ('<script type="module">alert(1)</script>', "entry: a <script type='module'>"),
    ],
)
def test_the_tripwire_finds_markup_the_site_never_makes(markup: str, message: str) -> None:
    assert findings(markup) == [message]


def test_the_tripwire_lets_through_what_the_site_makes() -> None:
    assert (
        findings(
            THEME_SCRIPT
            + '<script type="application/ld+json">{"@type": "FAQPage"}</script>'
            + '<p class="x">A <a class="glossary-link" href="../glossary/#token" title="A piece">token</a>, '
            + '<a href="https://arxiv.org/abs/1706.03762">a paper</a> and <code>&lt;b&gt;</code>.</p>'
            + '<link rel="canonical" href="https://example.com/faq/">'
        )
        == []
    )


def test_a_theme_script_must_match_its_template_exactly() -> None:
    assert findings(THEME_SCRIPT.replace("__tabbed_", "__tabbed_x")) != []
    scope = '<script>__md_scope=new URL("{}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}</script>'
    assert findings(scope.format("../..")) == []
    assert findings(scope.format("https://evil.example/")) != [], (
        "a template expression stands for a relative path only"
    )


def test_a_script_must_be_a_file_of_the_site(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("")
    assert findings('<script src="../assets/app.js"></script>', tmp_path) == []
    assert findings('<script src="/assets/app.js"></script>', tmp_path) == []
    assert findings('<script src="../assets/other.js"></script>', tmp_path) == [
        "entry: a <script> whose src '../assets/other.js' is not a file of the site"
    ]


def test_the_preview_rescans_exactly_the_pages_that_changed(tmp_path: Path) -> None:
    """Between preview rebuilds, an unchanged page keeps its findings and a changed one is read again."""

    def page(body: str) -> str:
        return (
            f'<html><head><meta charset="utf-8"></head><body><article><h2 id="e">E</h2>{body}</article></body></html>'
        )

    (tmp_path / "faq").mkdir()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "faq" / "index.html").write_text(page("<iframe></iframe>"), encoding="utf-8")
    (tmp_path / "glossary" / "index.html").write_text(page("<p>fine</p>"), encoding="utf-8")
    scans: PageScans = {}

    def found() -> list[str]:
        return [f"{f.page}: {f.message}" for f in scan_site(tmp_path, "/", [ROOT / "explainer" / "theme"], scans)]

    iframe = "faq/index.html: a <iframe> element, which neither the theme nor the generator makes"
    assert found() == [iframe]
    assert found() == [iframe], "an unchanged page keeps its finding"
    (tmp_path / "glossary" / "index.html").write_text(page("<p onclick=x>now bad</p>"), encoding="utf-8")
    assert found() == [iframe, "glossary/index.html: an event handler 'onclick' on <p>"]
    (tmp_path / "faq" / "index.html").write_text(page("<p>fixed</p>"), encoding="utf-8")
    (tmp_path / "glossary" / "index.html").unlink()
    assert found() == []
    assert sorted(scans) == ["faq/index.html"], "a page that is gone is forgotten"


def test_the_policy_goes_right_after_the_charset() -> None:
    page = '<!doctype html><html><head><meta charset="utf-8"><title>x</title></head></html>'
    assert with_policy(page, "default-src 'self'") == (
        '<!doctype html><html><head><meta charset="utf-8">\n    '
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'"><title>x</title></head></html>'
    )


def _inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.DOTALL)


def test_every_built_page_allows_exactly_its_own_inline_scripts(minimal_site: Path) -> None:
    pages = sorted(minimal_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy, page
        assert html.index(policy.group()) < html.index("<script"), f"{page}: the policy must come before any script"
        directives = dict(part.strip().split(" ", 1) for part in policy.group(1).split(";"))
        hashes = {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for body in _inline_scripts(html)
        }
        # 'wasm-unsafe-eval' lets the search run Pagefind's WebAssembly; it allows no JavaScript eval
        assert set(directives["script-src"].split()) == {"'self'", "'wasm-unsafe-eval'", *hashes}, page
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert directives["style-src"] == "'self'" and directives["base-uri"] == "'self'"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", FIXTURE)


def test_markup_in_a_hand_written_page_fails_the_build_at_that_page(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = project / "docs" / "index.md"
    last = len(home.read_text().splitlines())
    home.write_text(home.read_text() + '\n<iframe src="https://evil.example/"></iframe>\n')
    site = project / "site"
    assert build_site.main(["--config", str(project / "mkdocs.yml"), "--site-dir", str(site)]) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        f"docs/index.md:{last + 2}:1: error: the built page index.html has a <iframe> element, which neither the "
        "theme nor the generator makes: remove it from the page",
        f"docs/index.md:{last + 2}:1: error: the built page index.html has a <iframe> that loads 'https://evil.example/' "
        "from another host: remove it from the page",
    ]
    assert not site.exists()


def test_markup_that_slips_through_the_escaping_fails_the_build_at_its_entry(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """If inline code were a Markdown code span again, the tripwire would stop the script at its entry."""
    glossary = project / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("`byte-pair encoding`", "`</div><script>alert(1)</script>`"))
    monkeypatch.setattr(text, "code_span", lambda code: f"`{code}`")
    site = project / "site"
    assert build_site.main(["--config", str(project / "mkdocs.yml"), "--site-dir", str(site)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "glossary.yaml:14:9: error: the built page glossary/index.html has an inline <script> that is not one of "
        "the theme's own (alert(1)) (in term 'tokenization'): text in the content should always show literally; "
        "please report this as a bug, and rewrite the entry without markup until it is fixed"
    )
    assert not site.exists()


def test_the_built_search_index_is_complete(tmp_path: Path) -> None:
    from explainer.postbuild import search_bundle_problems

    project = copy_project(tmp_path / "project", FIXTURE)
    site = tmp_path / "site"
    assert build_site.main(["--config", str(project / "mkdocs.yml"), "build", "--site-dir", str(site)]) == 0
    bundle = site / "pagefind"
    assert search_bundle_problems(bundle) == []
    assert list(json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]) == ["en"]
    (bundle / "pagefind-entry.json").write_text('{"version": "1.5.2", "languages": {}}', encoding="utf-8")
    assert search_bundle_problems(bundle) == [
        "pagefind: error: pagefind/pagefind-entry.json is missing or names no index"
    ]
