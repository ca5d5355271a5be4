"""The LLM-vs-generative-AI explainer: YAML content → validated models → Markdown any engine builds.

The generator, engine-neutral, flows one way: `read` → `validate` (with `models`) → `render` (with
`text`, `sitemap`, `glossary_links`, `diagrams`, `exports`) → `emit` (the folder of sources).
`pipeline` runs the steps in order. Then `build` runs an engine from `engines` on that folder,
`postbuild` checks every built page and adds its security policy, and `output` swaps the result
in. `build_site.py` is the command line; `hook.py` lets `mkdocs serve` and `mkdocs build` run the
same generator (with `preview` during a live preview).
"""
