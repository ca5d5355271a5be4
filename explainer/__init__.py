"""The LLM-vs-generative-AI explainer: YAML content → validated models → MkDocs pages.

Data flows one way: `read` → `validate` (with `models`) → `render` (with `text`, `sitemap`,
`glossary_links`, `diagrams`, `exports`) → `emit` (with `preview` during `serve`) → MkDocs.
`pipeline` runs the steps in order; `build_site.py` and `hook.py` are thin shells over it.
"""
