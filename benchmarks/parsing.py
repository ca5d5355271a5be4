"""How much of reading the content is YAML parsing, and what a parse cache or another parser would save.

    .venv/bin/python benchmarks/parsing.py bench-out/x100     # a project benchmarks/scale.py made

Times, in CPU seconds with the garbage collector off (as `pipeline.check` runs), every content
file of the project read five ways:

- PyYAML's C loader (``yaml.CSafeLoader``), the "bare YAML" of benchmarks/scale.py;
- libyaml's events alone (``yaml.parse`` with the C parser), the floor for any reader built on PyYAML;
- the project's reader (`explainer.read.read_document`): events → a tree that remembers line and column;
- a parse cache: loading that tree back with ``pickle`` (what a cache on disk would cost per build);
- rapidyaml (``ryml``), if it is installed: parsing and reading every scalar into Python text.
"""

from __future__ import annotations

import gc
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explainer.models import CONTENT_FILES  # noqa: E402
from explainer.read import read_document  # noqa: E402


def cpu_seconds(step: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = step()
    return time.process_time() - start, result


def rapidyaml(files: list[tuple[str, bytes]]) -> float | None:
    try:
        import ryml  # type: ignore[import-not-found]
    except ImportError:
        return None

    def read_all() -> None:
        for _, data in files:
            tree = ryml.parse_in_arena(data)
            for node, _depth in ryml.walk(tree):
                if tree.has_key(node):
                    bytes(tree.key(node)).decode()
                if tree.has_val(node):
                    bytes(tree.val(node)).decode()

    return cpu_seconds(read_all)[0]


def main() -> int:
    project = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT)
    files = [(path, (project / path).read_bytes()) for path in CONTENT_FILES if (project / path).is_file()]
    gc.disable()
    loader, _ = cpu_seconds(lambda: [yaml.load(data, Loader=yaml.CSafeLoader) for _, data in files])
    events, _ = cpu_seconds(lambda: [sum(1 for _ in yaml.parse(data, Loader=yaml.CBaseLoader)) for _, data in files])
    reader, documents = cpu_seconds(lambda: [read_document(path, data) for path, data in files])
    cached = [pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL) for document in documents]
    cache, _ = cpu_seconds(lambda: [pickle.loads(blob) for blob in cached])  # noqa: S301 - bytes it just made
    ryml_seconds = rapidyaml(files)
    megabytes = sum(len(data) for _, data in files) / 2**20
    print(f"{project.name}: {megabytes:.1f} MB of YAML in {len(files)} files (CPU seconds, garbage collector off)")
    print(f"  PyYAML C loader (bare YAML)        {loader:7.2f} s")
    print(f"  libyaml events alone               {events:7.2f} s")
    print(f"  the project's reader (with marks)  {reader:7.2f} s")
    print(f"  parse cache: pickle.loads          {cache:7.2f} s  ({sum(map(len, cached)) / 2**20:.0f} MB on disk)")
    if ryml_seconds is None:
        print("  rapidyaml                          not installed (pip install rapidyaml)")
    else:
        print(f"  rapidyaml, every scalar as text    {ryml_seconds:7.2f} s  (no line and column in its Python API)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
