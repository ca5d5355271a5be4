"""One small adapter per site engine.

The generator (everything outside this package) writes ordinary Markdown and a configuration
(`explainer.emit`); an adapter only runs an engine on it. `mkdocs` builds with MkDocs and
Material (the default) and is also the MkDocs hook behind ``mkdocs serve`` and the live preview.
"""
