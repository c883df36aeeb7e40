"""Create (and remove) the stub pages the hooks fill, in both language forms: one per topic of
data/topics.yml (``docs/tema/<id>.<nb|nn>.md``) and one profile per municipality
(``docs/profil/<slug>.<nb|nn>.md``). Run after adding, renaming or removing a topic or a
municipality (``guidelines import`` runs it for you):

    guidelines stub-pages [--check]

``--check`` writes nothing and exits 1 when a stub is missing or stale.
"""

from __future__ import annotations

from pathlib import Path

from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.layout import GUIDELINE_DIR, LANGS, PROFILE_DIR, TOPIC_DIR
from municipal_guidelines.model.site import guideline_files
from municipal_guidelines.model.topics import load_topics

TOPIC_STUB = "---\ngenerated: topic\ntopic: {id}\n---\n"
PROFILE_STUB = "---\ngenerated: profile\nhide:\n  - navigation\n---\n"  # the file name says whose profile it is


def wanted_stubs(ids: list[str], stub: str = TOPIC_STUB) -> dict[str, str]:
    """File name -> content of every stub ``ids`` need."""
    return {f"{entry_id}.{lang}.md": stub.format(id=entry_id) for entry_id in ids for lang in LANGS}


def plan(folder: Path, wanted: dict[str, str]) -> tuple[list[str], list[str]]:
    """(stubs to write, stale stubs to delete)."""
    existing = {p.name for p in folder.glob("*.md") if not p.name.startswith("index.")}
    write = [name for name, text in sorted(wanted.items()) if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]
    delete = sorted(existing - set(wanted))
    return write, delete


def municipality_slugs(docs: Path) -> list[str]:
    return sorted({path.name.split(".")[0] for path in guideline_files(docs) if path.parent == docs / GUIDELINE_DIR})


def sync(docs: Path, topics_file: Path, check: bool = False) -> list[str]:
    """Write the missing or stale stubs and remove those of topics and municipalities that are gone
    (with ``check``, only report); returns what was done or is to do, one line each."""
    report = []
    folders = (
        (docs / TOPIC_DIR, wanted_stubs([t.id for t in load_topics(topics_file)], TOPIC_STUB)),
        (docs / PROFILE_DIR, wanted_stubs(municipality_slugs(docs), PROFILE_STUB)),
    )
    for folder, wanted in folders:
        # Ids are slugs (load_topics refuses anything else); even so nothing is written but a plain
        # file name inside its own folder.
        strays = [name for name in wanted if "/" in name or "\\" in name or name.startswith(".") or (folder / name).resolve().parent != folder.resolve()]
        if strays:
            raise GuidelineError(f"{folder.parent.name}/{folder.name}", 0, f"stubbsida {strays[0]!r} ville hamna utanfor mappa; gje temaet ein id med berre a–z, 0–9 og bindestrek")
        write, delete = plan(folder, wanted) if folder.exists() else (sorted(wanted), [])
        report += [f"{'missing or stale' if check else 'wrote'}: {folder / name}" for name in write]
        report += [f"{'no longer wanted' if check else 'removed'}: {folder / name}" for name in delete]
        if check:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for name in write:
            (folder / name).write_text(wanted[name], encoding="utf-8")
        for name in delete:
            (folder / name).unlink()
    return report
