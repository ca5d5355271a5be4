"""The site in a real browser (Debian's Chromium driven by Playwright), as a reader uses it.

Under CI=true a missing Chromium fails these tests instead of skipping them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGE_TYPES = {
    "home": "",
    "topic": "large-language-models/",
    "relationship": "how-they-relate/",
    "comparison": "comparison/",
    "decision guide": "when-to-use/",
    "applications": "applications/",
    "trends": "trends/",
    "timeline": "timeline/",
    "misconceptions": "misconceptions/",
    "faq": "faq/",
    "glossary": "glossary/",
    "references": "references/",
    "editing guide": "editing/",
    "field reference": "editing/fields/",
    "maintenance": "editing/maintenance/",
}
SCREENSHOTS = Path(__file__).parent / "screenshots"
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " blocked " + event.blockedURI);
});
"""
"""Every page this test file opens reports a Content-Security-Policy violation as a console error."""


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    """A fresh page that records console errors and every request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    tab = context.new_page()
    tab.problems = []
    local = urlsplit(site_url).netloc

    def on_console(message: Any) -> None:
        if message.type in ("error", "warning"):
            tab.problems.append(f"console {message.type}: {message.text}")

    def on_request(request: Any) -> None:
        host = urlsplit(request.url).netloc
        if urlsplit(request.url).scheme in ("http", "https") and host != local:
            tab.problems.append(f"request to another host: {request.url}")

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: tab.problems.append(f"page error: {error}"))
    tab.on("request", on_request)
    yield tab
    context.close()


@pytest.mark.parametrize("url", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_every_page_loads_cleanly_and_locally(page: Any, site_url: str, url: str) -> None:
    response = page.goto(site_url + url)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    assert page.problems == []


def test_the_security_policy_blocks_a_script_that_reached_a_page(page: Any, site_url: str) -> None:
    """The Content-Security-Policy would stop an inline script even if one got past the build."""

    def with_injected_script(route: Any) -> None:
        response = route.fetch()
        html = response.text().replace("</article>", "<script>window.injected = true</script></article>")
        route.fulfill(response=response, body=html)

    page.route(site_url + "faq/", with_injected_script)
    page.goto(site_url + "faq/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.injected") is None
    assert "console error: CSP violation: script-src-elem blocked inline" in page.problems
    assert any("violates the following Content Security Policy directive" in p for p in page.problems)
    assert page.locator("details").count() > 0, "the page itself still works"


def _glossary_terms() -> list[dict[str, Any]]:
    terms: list[dict[str, Any]] = yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    return terms


def _search(tab: Any, words: str) -> list[str]:
    search = tab.locator(".site-search__input")
    search.fill("")
    search.press_sequentially(words, delay=20)
    tab.wait_for_function(
        "words => document.getElementById('site-search-status').innerText.includes('“' + words + '”')", arg=words
    )
    return [link.get_attribute("href") or "" for link in tab.locator(".site-search__result").all()]


def test_search_finds_an_entry_by_its_name_first_and_shows_where_with_the_words_marked(
    page: Any, site_url: str
) -> None:
    page.goto(site_url + "faq/")
    page.keyboard.press("/")  # the search shortcut
    assert page.evaluate("document.getElementById('site-search').open")
    term = next(t for t in _glossary_terms() if t["id"] == "hallucination")
    hrefs = _search(page, term["term"])
    assert urlsplit(hrefs[0]).fragment == "hallucination" and "/glossary/" in hrefs[0], hrefs
    first = page.locator(".site-search__result").first
    assert first.locator(".site-search__result-title").inner_text() == term["term"]
    assert first.locator("mark").count() >= 1, "the matching words are marked"
    faqs = yaml.safe_load((ROOT / "content" / "faqs.yaml").read_text(encoding="utf-8"))["faqs"]
    question = next(f for f in faqs if f["id"] == "is-chatgpt-an-llm")["question"]
    hrefs = _search(page, question)
    assert urlsplit(hrefs[0]).fragment == "is-chatgpt-an-llm" and "/faq/" in hrefs[0], hrefs
    # A page's section: its heading, and the page it is on.
    _search(page, "latent space")
    sections = page.locator(".site-search__result:has(.site-search__where)")
    assert sections.count() >= 1
    assert page.problems == []


def test_search_finds_a_term_first_by_its_abbreviation_or_another_spelling(page: Any, site_url: str) -> None:
    terms = {term["id"]: term for term in _glossary_terms()}
    page.goto(site_url)
    page.locator(".site-search-button").click()
    for query, term_id in [
        (terms["large-language-model"]["abbreviation"], "large-language-model"),
        (terms["attention"]["aliases"][0], "attention"),
    ]:
        hrefs = _search(page, query)
        assert urlsplit(hrefs[0]).fragment == term_id and "/glossary/" in hrefs[0], (query, hrefs)
        first = page.locator(".site-search__result").first
        assert first.locator(".site-search__result-title").inner_text() == terms[term_id]["term"]
    assert page.problems == []


def _search_requests(tab: Any) -> list[Any]:
    responses: list[Any] = []
    tab.on("response", lambda response: responses.append(response) if "/pagefind/" in response.url else None)
    return responses


def test_search_downloads_nothing_until_asked_and_little_per_query(page: Any, site_url: str) -> None:
    responses = _search_requests(page)
    page.goto(site_url + "glossary/")
    page.wait_for_load_state("networkidle")
    assert responses == [], "every page view would pay for the search"
    page.locator(".site-search-button").click()
    _search(page, "diffusion")
    page.wait_for_load_state("networkidle")
    fetched = sum(len(response.body()) for response in responses)
    assert all(urlsplit(r.url).path.startswith("/pagefind/") for r in responses)
    assert 0 < fetched < 300_000, f"one query fetched {fetched} bytes"
    assert page.problems == []


def test_search_works_by_keyboard(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.classList.contains('site-search__input')")
    _search(page, "tokenizer")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('site-search__result')")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    page.keyboard.press("/")
    assert page.evaluate("document.getElementById('site-search').open")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('site-search').open")
    # The dialog's "close" event, which gives the focus back, comes in a task of its own after Escape.
    from playwright.sync_api import expect

    expect(page.locator(".site-search-button")).to_be_focused(timeout=5_000)


def test_on_a_phone_the_search_button_opens_the_search_and_finds_a_term(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    tab = context.new_page()
    responses = _search_requests(tab)
    tab.goto(site_url)
    tab.wait_for_load_state("networkidle")
    assert responses == []
    tab.locator(".site-search-button").tap()
    hrefs = _search(tab, "tokenizer")
    assert hrefs and tab.locator(".site-search__result").first.is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_has_no_accessibility_violations(browser: Any, site_url: str, scheme: str) -> None:
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        tab = context.new_page()
        tab.goto(site_url + "faq/")
        tab.locator(".site-search-button").click()
        _search(tab, "watermark")
        violations = [v["id"] for v in Axe().run(tab).response["violations"]]
        tab.screenshot(path=str(SCREENSHOTS / f"search-{width}-{scheme}.png"))
        context.close()
        assert violations == [], (width, violations)


def test_the_theme_toggle_switches_to_dark_and_back(page: Any, site_url: str) -> None:
    scheme = "document.body.dataset.mdColorScheme"
    page.goto(site_url)
    assert page.evaluate(scheme) == "default"
    page.locator("label[title='Switch to dark mode']").click()
    assert page.evaluate(scheme) == "slate"
    page.reload()
    assert page.evaluate(scheme) == "slate"  # remembered across pages
    page.locator("label[title='Switch to light mode']").click()
    assert page.evaluate(scheme) == "default"


def test_the_theme_toggle_works_by_keyboard(page: Any, site_url: str) -> None:
    page.goto(site_url)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "__palette":
            break
    else:
        pytest.fail("the colour scheme switch cannot be reached with the keyboard")
    page.keyboard.press("ArrowRight")  # a radio group: arrows change the choice
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"


def test_a_glossary_tooltip_shows_on_hover_and_on_keyboard_focus(page: Any, site_url: str) -> None:
    page.clock.install()  # the tooltip's hide delay runs on a clock the test moves
    page.goto(site_url + "large-language-models/")
    link = page.locator("a.glossary-link").first
    summary = link.get_attribute("title")
    assert summary
    link.hover()
    tooltip = page.get_by_role("tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == summary
    assert link.get_attribute("title") is None, "the native tooltip would show as well"
    tooltip.hover()  # the pointer can move onto the tooltip without losing it (WCAG 1.4.13)
    page.clock.run_for(2000)  # far past the hide delay
    assert tooltip.is_visible()
    page.mouse.move(0, 0)
    page.clock.run_for(2000)
    tooltip.wait_for(state="hidden")
    assert link.get_attribute("title") == summary
    for _ in range(80):  # keyboard only: tab until a glossary link has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('glossary-link')"):
            break
    else:
        pytest.fail("no glossary link could be reached with the keyboard")
    tooltip.wait_for()
    term_id = page.evaluate("document.activeElement.getAttribute('href')").split("#")[1]
    glossary = yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))
    summaries = {term["id"]: term["summary"] for term in glossary["terms"]}
    described_by = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).innerText"
    )
    assert described_by.strip() == summaries[term_id]
    page.keyboard.press("Escape")  # dismissible without moving focus
    tooltip.wait_for(state="hidden")


def test_an_faq_permalink_opens_its_answer(page: Any, site_url: str) -> None:
    page.goto(site_url + "faq/#is-chatgpt-an-llm")
    details = page.locator("details#is-chatgpt-an-llm")
    assert details.evaluate("element => element.open")
    assert page.locator("details[open]").count() == 1
    page.goto(site_url + "faq/#what-is-a-foundation-model")
    assert page.locator("details#what-is-a-foundation-model").evaluate("element => element.open")


def test_faq_answers_open_and_close_by_keyboard(page: Any, site_url: str) -> None:
    page.goto(site_url + "faq/")
    summary = page.locator("details summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details").first.evaluate("element => element.open")
    page.keyboard.press("Enter")
    assert not page.locator("details").first.evaluate("element => element.open")


def test_the_comparison_table_sorts_by_keyboard(page: Any, site_url: str) -> None:
    page.goto(site_url + "comparison/")
    criteria = "[...document.querySelectorAll('.comparison-table tbody th')].map(th => th.textContent.trim())"
    original = page.evaluate(criteria)
    button = page.locator(".comparison-table thead .sort-button").first
    button.focus()
    page.keyboard.press("Enter")
    ascending = page.evaluate(criteria)
    assert ascending == sorted(original, key=str.casefold)
    assert page.locator(".comparison-table thead th").first.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert page.evaluate(criteria) == sorted(original, key=str.casefold, reverse=True)
    page.keyboard.press("Enter")
    assert page.evaluate(criteria) == original


def test_the_comparison_fits_a_phone_without_sideways_scrolling(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    tab = context.new_page()
    tab.goto(site_url + "comparison/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    table = tab.locator(".comparison-table")
    assert table.evaluate("element => element.scrollWidth <= element.clientWidth + 1")
    assert tab.locator(".comparison-table td .cell-label").first.is_visible()
    context.close()


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_phone_screenshot_of_each_page_type(browser: Any, site_url: str, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
        tab = context.new_page()
        tab.goto(site_url + PAGE_TYPES[name])
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
        target = SCREENSHOTS / f"{name.replace(' ', '-')}-phone-{scheme}.png"
        tab.screenshot(path=str(target), full_page=False)
        # What the screenshot shows: the heading on screen, in the scheme's colours, readable.
        heading = tab.locator("h1").bounding_box()
        assert heading is not None and heading["x"] >= 0 and heading["x"] + heading["width"] <= 390, heading
        assert heading["y"] < 844, "the page's heading is below the first screen"
        background = luminance(tab.evaluate("getComputedStyle(document.body).backgroundColor"))
        text = luminance(tab.evaluate("getComputedStyle(document.querySelector('h1')).color"))
        assert (background < 0.1) if scheme == "dark" else (background > 0.9), (scheme, background)
        assert (max(background, text) + 0.05) / (min(background, text) + 0.05) >= 4.5, "the heading is hard to read"
        context.close()


def luminance(css_colour: str) -> float:
    """The relative luminance (WCAG) of an 'rgb(…)' or 'rgba(…)' colour; a transparent one counts as white."""
    channels = [float(part) for part in css_colour[css_colour.index("(") + 1 : -1].split(",")]
    if len(channels) == 4 and channels[3] == 0:
        return 1.0
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_no_accessibility_violations(browser: Any, site_url: str, url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site_url + url)
    tab.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert tab.evaluate("document.body.dataset.mdColorScheme") == expected
    for details in tab.locator("details").all():  # check the collapsed answers too
        details.evaluate("element => element.open = true")
    results = Axe().run(tab)
    violations = [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in results.response["violations"]
    ]
    context.close()
    assert violations == [], json.dumps(violations, indent=1)
