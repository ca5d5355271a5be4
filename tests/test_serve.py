"""The live preview: saving a YAML file updates the open page; a mistake shows in the page and the
terminal while the last good pages keep being served; fixing the file recovers without a restart."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def preview(project: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str], Callable[[], str]]]:
    """`build_site.py serve` on a port the system picks; the server says which in its "Serving on" line."""
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build_site.py"),
            "--config",
            str(project / "mkdocs.yml"),
            "serve",
            "--dev-addr",
            "127.0.0.1:0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    output: list[str] = []
    url = None
    for line in process.stdout:  # the first build, then the address
        output.append(line)
        found = re.search(r"Serving on (http://127\.0\.0\.1:\d+/)", line)
        if found:
            url = found.group(1)
            break
    assert url, "".join(output)
    reader = threading.Thread(target=lambda: output.extend(process.stdout or []), daemon=True)  # keep the pipe drained
    reader.start()

    def stop() -> str:
        """Stop the server; everything it printed."""
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        reader.join(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
        return "".join(output)

    yield project, url, process, stop
    stop()


def wait_for_text(page: Any, text: str, timeout: float = 30_000) -> None:
    page.wait_for_function("text => document.body && document.body.innerText.includes(text)", arg=text, timeout=timeout)


def test_saving_yaml_updates_the_open_page_and_mistakes_show_in_it(
    preview: tuple[Path, str, subprocess.Popen[str], Callable[[], str]], browser: Any
) -> None:
    project, url, process, stop = preview
    page = browser.new_page()
    page.goto(url + "glossary/")
    wait_for_text(page, "Glossary")
    glossary = project / "glossary.yaml"
    original = glossary.read_text()

    glossary.write_text(
        original.replace(
            "A mechanism that lets a neural network weigh", "LIVE EDIT, a mechanism that lets a neural network weigh", 1
        )
    )
    wait_for_text(page, "LIVE EDIT, a mechanism")

    half_written = original[: original.index("  - id: hallucination") + 24]  # the editor saved mid-entry
    glossary.write_text(half_written)
    banner = page.locator(".content-errors")
    banner.wait_for(timeout=30_000)
    assert "glossary.yaml:" in banner.inner_text() and "error" in banner.inner_text()
    assert "LIVE EDIT, a mechanism" in page.inner_text("body"), "the last good page should stay"

    glossary.write_bytes(b"\xff\xfe garbage \x00\x01")  # anything at all
    page.wait_for_function(
        "() => document.querySelector('.content-errors')?.innerText.includes('not valid UTF-8')", timeout=30_000
    )

    glossary.write_text(
        original.replace(
            "A mechanism that lets a neural network weigh", "FIXED, a mechanism that lets a neural network weigh", 1
        )
    )
    wait_for_text(page, "FIXED, a mechanism")
    assert page.locator(".content-errors").count() == 0
    assert process.poll() is None, "the preview server stopped"
    page.close()
    log = stop()
    assert "glossary.yaml:1:1: error: byte 0xFF is not valid UTF-8" in log
    assert "Traceback" not in log


def test_the_preview_is_as_strict_as_the_build(
    preview: tuple[Path, str, subprocess.Popen[str], Callable[[], str]], browser: Any
) -> None:
    """What would stop `build_site.py` (a warning in strict mode, markup the post-build check refuses)
    shows on every page of the preview and in the terminal, at the place in the file to fix."""
    project, url, process, stop = preview
    page = browser.new_page()
    page.goto(url + "faq/")
    first_question = yaml.safe_load((project / "content" / "faqs.yaml").read_text())["faqs"][0]["question"]
    wait_for_text(page, first_question)
    home = project / "docs" / "index.md"
    original = home.read_text()
    last = len(original.splitlines())
    home.write_text(original + '\nSee [the FAQ](faq.md#nope).\n\n<iframe src="about:blank"></iframe>\n')
    banner = page.locator(".content-errors")
    banner.wait_for(timeout=30_000)
    assert banner.inner_text().splitlines()[0].startswith("The site has 2 problems that would stop the build")
    lines = banner.locator("pre").inner_text().splitlines()
    assert lines == [
        f"docs/index.md:{last + 2}:15: error: the link 'faq.md#nope' is broken: the doc 'faq.md' does not contain an anchor "
        "'#nope'; fix the link or the heading it points to",
        f"docs/index.md:{last + 4}:1: error: the built page index.html has a <iframe> element, which neither the theme nor "
        "the generator makes: remove it from the page",
    ]
    home.write_text(original)
    page.wait_for_function("() => !document.querySelector('.content-errors')", timeout=30_000)
    assert process.poll() is None, "the preview server stopped"
    page.close()
    log = stop()
    assert lines[0] in log and lines[1] in log
    assert "Traceback" not in log


def test_the_open_page_shows_an_edit_before_the_rest_of_the_site_is_rebuilt(
    preview: tuple[Path, str, subprocess.Popen[str], Callable[[], str]], browser: Any
) -> None:
    project, url, process, stop = preview
    page = browser.new_page()
    loads: list[str] = []  # for each time the page loads: whether it shows the edit
    page.on("console", lambda message: loads.append(message.text) if message.text.startswith("edit ") else None)
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => "
        "console.log('edit ' + document.body.innerText.includes('FIRST LOOK')))"
    )
    page.goto(url + "faq/")
    faqs = project / "content" / "faqs.yaml"
    question = yaml.safe_load(faqs.read_text())["faqs"][0]["question"]
    wait_for_text(page, question)
    loads.clear()
    faqs.write_text(faqs.read_text().replace(question, "FIRST LOOK " + question, 1))
    wait_for_text(page, "FIRST LOOK")
    for _ in range(300):  # then the full rebuild ends, and the page reloads once more
        if len(loads) >= 2:
            break
        page.wait_for_timeout(100)
    assert loads == ["edit true", "edit true"], "the first reload, before the full rebuild, should show the edit"
    assert process.poll() is None, "the preview server stopped"
    page.close()
    log = stop()
    assert "preview: showing faq.md first" in log
    assert "Traceback" not in log
