"""Create (and remove) the stub page of every topic in data/topics.yml, in both language forms.

The hooks fill each stub (``docs/tema/<id>.<nb|nn>.md``) with the topic's title, description and
every municipality's rules on it. Run after adding, renaming or removing a topic:

    guidelines topic-pages [--check]

``--check`` writes nothing and exits 1 when a stub is missing or stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from municipal_guidelines.layout import LANGS, TOPIC_DIR
from municipal_guidelines.model.topics import load_topics
from municipal_guidelines.project import Project

STUB = "---\ngenerated: topic\ntopic: {id}\n---\n"


def wanted_stubs(topic_ids: list[str]) -> dict[str, str]:
    """File name -> content of every stub the taxonomy needs."""
    return {f"{topic_id}.{lang}.md": STUB.format(id=topic_id) for topic_id in topic_ids for lang in LANGS}


def plan(folder: Path, wanted: dict[str, str]) -> tuple[list[str], list[str]]:
    """(stubs to write, stale stubs to delete)."""
    existing = {p.name for p in folder.glob("*.md") if not p.name.startswith("index.")}
    write = [name for name, text in sorted(wanted.items()) if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]
    delete = sorted(existing - set(wanted))
    return write, delete


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if out of sync")
    parser.add_argument("--docs", type=Path, help="docs directory (default: docs/ of the project)")
    parser.add_argument("--topics", type=Path, help="taxonomy (default: data/topics.yml of the project)")
    args = parser.parse_args(argv)
    project = Project.find()
    args.docs = args.docs or project.docs
    args.topics = args.topics or project.topics_file
    folder = args.docs / TOPIC_DIR
    wanted = wanted_stubs([t.id for t in load_topics(args.topics)])
    write, delete = plan(folder, wanted)
    if args.check:
        for name in write:
            print(f"missing or stale: {folder / name}")
        for name in delete:
            print(f"no such topic: {folder / name}")
        return 1 if write or delete else 0
    folder.mkdir(parents=True, exist_ok=True)
    for name in write:
        (folder / name).write_text(wanted[name], encoding="utf-8")
        print(f"wrote {folder / name}")
    for name in delete:
        (folder / name).unlink()
        print(f"removed {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
