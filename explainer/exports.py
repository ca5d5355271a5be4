# Role: render — the machine-readable exports built with the site (JSON files and llms.txt).
"""Data exports for people and programs that want the content without the pages.

``glossary.json``, ``comparison.json`` and ``faqs.json`` carry every entry with its sources and
the URL of its place on the site (relative to the site root); ``llms.txt`` follows the
llmstxt.org convention: a title, a summary and a list of the site's pages.
"""

from __future__ import annotations

import json
from typing import Any

from . import models, text
from .sitemap import COLLECTIONS, GLOSSARY_INDEX, SiteMap, page_url

EXPORT_VERSION = 1


def exports(content: models.Content, sitemap: SiteMap, site_name: str, site_description: str) -> dict[str, bytes]:
    """Every export file: path at the site root → bytes."""
    return {
        "glossary.json": _json(
            {"version": EXPORT_VERSION, "terms": [_term(t, sitemap) for t in content.glossary.terms]}
        ),
        "comparison.json": _json(_comparison(content.comparison, sitemap)),
        "faqs.json": _json(_faqs(content.faqs, sitemap)),
        "llms.txt": _llms_txt(content, site_name, site_description).encode("utf-8"),
    }


def _json(data: Any) -> bytes:
    # One record per line: readable in a diff, and json's fast C encoder still does the work.
    if isinstance(data, dict):
        parts = []
        for key, value in data.items():
            if isinstance(value, list):
                items = ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in value)
                parts.append(f"{json.dumps(key)}: [\n  {items}\n]")
            else:
                parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
        return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")
    return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")


def _ids(citations: list[models.Citation]) -> list[str]:
    return [citation.id for citation in citations]


def _citations(citations: list[models.Citation]) -> list[dict[str, str | None]]:
    """Each source with where in it the claim stands (``at``: a section, table, figure or page, or null)."""
    return [{"id": citation.id, "at": citation.at} for citation in citations]


def _url(sitemap: SiteMap, kind: str, entry_id: str) -> str:
    location = sitemap.locate(kind, entry_id)
    return page_url(location.page) + (f"#{location.anchor}" if location.anchor else "")


def _term(term: models.Term, sitemap: SiteMap) -> dict[str, Any]:
    return {
        "id": term.id,
        "term": term.term,
        "aliases": list(term.aliases),
        "abbreviation": term.abbreviation,
        "summary": term.summary,
        "definition": term.definition.strip(),
        "definition_text": text.visible_text(text.parse_rich(term.definition)),
        "related": list(term.related),
        "sources": _ids(term.sources),
        "citations": _citations(term.sources),
        "as_of": term.as_of,
        "reviewed": term.reviewed,
        "url": _url(sitemap, "term", term.id),
    }


def _comparison(comparison: models.ComparisonFile, sitemap: SiteMap) -> dict[str, Any]:
    return {
        "version": EXPORT_VERSION,
        "subjects": [{"id": s.id, "name": s.name, "short_name": s.short_name} for s in comparison.subjects],
        "rows": [
            {
                "id": row.id,
                "criterion": row.criterion,
                "cells": {
                    subject: {
                        "text": cell.text,
                        "sources": _ids(cell.sources or row.sources),
                        "citations": _citations(cell.sources or row.sources),
                    }
                    for subject, cell in row.cells.items()
                },
                "note": row.note.strip() if row.note else None,
                "sources": _ids(row.sources),
                "citations": _citations(row.sources),
                "as_of": row.as_of,
                "reviewed": row.reviewed,
                "url": _url(sitemap, "row", row.id),
            }
            for row in comparison.rows
        ],
    }


def _faqs(faqs: models.FaqsFile, sitemap: SiteMap) -> dict[str, Any]:
    return {
        "version": EXPORT_VERSION,
        "groups": [{"id": group.id, "title": group.title} for group in faqs.groups],
        "faqs": [
            {
                "id": faq.id,
                "group": faq.group,
                "question": faq.question,
                "answer": faq.answer.strip(),
                "answer_text": text.visible_text(text.parse_rich(faq.answer)),
                "sources": _ids(faq.sources),
                "citations": _citations(faq.sources),
                "as_of": faq.as_of,
                "reviewed": faq.reviewed,
                "url": _url(sitemap, "faq", faq.id),
            }
            for faq in faqs.faqs
        ],
    }


def _llms_txt(content: models.Content, site_name: str, site_description: str) -> str:
    lines = [f"# {site_name}", "", f"> {site_description}", "", "## Pages", ""]
    for topic in content.topics.topics:
        lines.append(f"- [{topic.title}]({page_url(topic.id + '.md')}): {topic.description}")
    for collection in COLLECTIONS:
        if collection.kind == "source":
            lines.append(f"- [Glossary]({page_url(GLOSSARY_INDEX)}): definitions of the terms")
        lines.append(f"- [{collection.title}]({page_url(collection.first_page)}): {collection.about}")
    lines += [
        "",
        "## Data",
        "",
        "- [glossary.json](glossary.json): every glossary term with its definition and sources",
        "- [comparison.json](comparison.json): the comparison table",
        "- [faqs.json](faqs.json): every question and answer",
        "",
        "## Short answers",
        "",
    ]
    for faq in content.faqs.faqs:
        answer = text.visible_text(text.parse_rich(faq.answer)).split("\n", 1)[0]
        lines.append(f"- {faq.question} {answer}")
    return "\n".join(lines) + "\n"
