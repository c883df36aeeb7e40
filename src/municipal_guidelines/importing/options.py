"""The importer's command line: options checked before anything is read or written."""

from __future__ import annotations

import argparse
import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from municipal_guidelines.format import fields, grammar
from municipal_guidelines.importing import version_options
from municipal_guidelines.importing.messages import InputError, shown_path, shown_text
from municipal_guidelines.layout import GUIDELINE_DIR, LANGS, other_lang

SOURCES_DIR = "sources"  # next to the docs directory: <docs>/../sources
DEFAULT_MAX_BYTES = 200_000  # a guideline is a few pages; the biggest seed is under 6 KB
_ASCII_NUMBER = re.compile(r"[0-9]+", re.ASCII)


@dataclass(frozen=True)
class Options:
    input: Path
    name: str
    number: str
    county: str
    lang: str
    slug: str
    title: str | None
    adoption: str | None
    force: bool
    docs: Path
    translate: bool
    sources: Path  # where the input is kept: <sources>/<slug>.txt and .yml
    max_bytes: int
    how: str | None  # added to the provenance's "how"
    # A new version of the municipality's guideline (importing/revision.py): its dates for the front
    # matter, the reviewer's corrections of the alignment, and the stem of its kept source.
    new_version: bool = False
    dates: dict[str, str] = field(default_factory=dict)
    pairs: tuple[str, ...] = ()
    dry_run: bool = False
    source_stem: str = ""

    @property
    def kept_stem(self) -> str:
        """The name of the kept source: ``<slug>``, for a new version ``<slug>-<date>``."""
        return self.source_stem or self.slug


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Import a plain-text guideline as an annotated page (and its translation).",
        epilog="Exit codes: 0 written, 2 bad input (nothing written), 1 generated page failed its checks.",
    )
    parser.add_argument("file", type=Path, help="the guideline as plain text (UTF-8)")
    parser.add_argument("--name", default=None, help="name of the municipality, e.g. Bømlo")
    parser.add_argument("--number", default=None, help="kommunenummer (2024), four digits, e.g. 4613")
    parser.add_argument("--county", default=None, help="fylke (2024), e.g. Vestland")
    parser.add_argument("--lang", default=None, help="language form the municipality wrote: nb or nn")
    parser.add_argument("--slug", help="file name stem (default: from --name, e.g. bomlo)")
    parser.add_argument("--title", help="document title (default: the title line of the text)")
    parser.add_argument("--adoption", help="what the text says about its adoption (default: a 'vedtatt …' line, else empty)")
    parser.add_argument("--how", help="how the text came to the project, added to the provenance (e.g. 'e-mail from the municipality, copied from the PDF')")
    parser.add_argument(
        "--force", action="store_true", help="overwrite existing pages (their rule ids are regenerated) and the kept source of this slug"
    )
    parser.add_argument("--docs", type=Path, help="docs directory (default: docs/ of the project)")
    parser.add_argument("--topics", type=Path, help="taxonomy (default: data/topics.yml of the project)")
    parser.add_argument("--sources", type=Path, help="where the input is kept with its provenance (default: <docs>/../sources)")
    parser.add_argument("--max-bytes", default=str(DEFAULT_MAX_BYTES), help="refuse bigger input (default: %(default)s)")
    parser.add_argument("--no-translate", dest="translate", action="store_false", help="write only the original")
    version_options.add_options(parser)  # --new-version and the version's dates
    return parser


REQUIRED = ("--name", "--number", "--county", "--lang")  # unless --new-version takes them from the current page


def check_required(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """argparse's own error (exit 2) for a first import without its required options."""
    missing = [option for option in REQUIRED if getattr(args, option[2:]) is None]
    if missing:
        parser.error(f"the following arguments are required: {', '.join(missing)}")


def option_value(args: argparse.Namespace, option: str) -> str | None:
    """The option's text, stripped and in composed form (a name typed on a Mac arrives decomposed)."""
    value = getattr(args, option.removeprefix("--").replace("-", "_"))
    return None if value is None else unicodedata.normalize("NFC", str(value)).strip()


def check_option(option: str, value: str | None, check) -> None:
    """Raise InputError with the shared check's message (``guidelines.fields``), naming the option."""
    problem = None if value is None else check(value)
    if problem:
        raise InputError(f"{option} {problem}")


def validate_options(args: argparse.Namespace) -> Options:
    """Check every option before anything is read or written; raise InputError on the first problem.

    Names, texts and the slug are checked by ``guidelines.fields``, the rules the build applies to
    the front matter: what passes here passes there.
    """
    check_option("--lang", args.lang, fields.check_language)
    number = option_value(args, "--number") or ""
    if fields.check_number(number):
        raise InputError(f"--number må vere kommunenummeret: fire siffer 0–9, til dømes 4613 eller 0301; no står det {number!r}")
    name, county = option_value(args, "--name"), option_value(args, "--county")
    if not name:
        raise InputError("--name er tom; skriv namnet på kommunen, til dømes --name Bømlo")
    check_option("--name", name, fields.check_name)
    if not county:
        raise InputError("--county er tom; skriv namnet på fylket, til dømes --county Vestland")
    check_option("--county", county, fields.check_name)
    title, adoption, how = option_value(args, "--title") or None, option_value(args, "--adoption"), option_value(args, "--how") or None
    for option, value in (("--title", title), ("--adoption", adoption), ("--how", how)):
        check_option(option, value, fields.check_text)
    if args.slug is not None:
        check_option("--slug", args.slug, fields.check_slug)
    slug = args.slug if args.slug is not None else fields.make_slug(name)
    if fields.check_slug(slug):
        raise InputError(f"--name {name!r} gjev ikkje eit filnamn med bokstavane a–z; vel eitt med --slug, til dømes --slug {slug or 'kommunenamn'}")
    max_bytes = option_value(args, "--max-bytes") or ""
    if not _ASCII_NUMBER.fullmatch(max_bytes) or int(max_bytes) == 0:
        raise InputError(f"--max-bytes må vere eit heilt tal byte over 0, til dømes --max-bytes 500000; no står det {max_bytes!r}")
    if not args.docs.is_dir():
        raise InputError(f"mappa {shown_path(args.docs)} finst ikkje; vel docs-mappa med --docs")
    sources = args.sources if args.sources is not None else args.docs.resolve().parent / SOURCES_DIR
    if sources.exists() and not sources.is_dir():
        raise InputError(f"{shown_path(sources)} er ikkje ei mappe; vel mappa for kjeldetekstane med --sources")
    received_as = args.file.name
    if fields.control_character(received_as) or not received_as.isprintable():
        raise InputError(f"namnet på fila {received_as!r} har eit teikn som ikkje kan skrivast ut; gje fila eit nytt namn")
    dates = version_options.dates_from(args, datetime.date.today())
    return Options(
        args.file, name, number, county, args.lang, slug, title, adoption, args.force, args.docs, args.translate,
        sources, int(max_bytes), how, new_version=args.new_version, dates=dates.front_matter(),
        pairs=tuple(args.pair), dry_run=args.dry_run, source_stem=f"{slug}-{dates.version}" if args.new_version else "",
    )


def target_paths(options: Options) -> list[Path]:
    """The page(s) this run writes: the original, then the translation (unless --no-translate)."""
    folder = options.docs / GUIDELINE_DIR
    paths = [folder / f"{options.slug}.{options.lang}.md"]
    if options.translate:
        paths.append(folder / f"{options.slug}.{other_lang(options.lang)}.md")
    return paths


def received_path(options: Options, kind: str) -> Path:
    """Where a document (``kind``: docx) is kept as received: ``<sources>/<slug>.<kind>``."""
    return options.sources / f"{options.kept_stem}.{kind}"


def kept_paths(options: Options) -> tuple[Path, Path]:
    """Where the input is kept: ``<sources>/<slug>.txt`` and its provenance ``<sources>/<slug>.yml``."""
    return options.sources / f"{options.kept_stem}.txt", options.sources / f"{options.kept_stem}.yml"


def check_targets(options: Options) -> None:
    """Refuse to overwrite a page of this slug (either language form) or its kept source unless --force."""
    folder = options.docs / GUIDELINE_DIR
    for path in [*target_paths(options), *kept_paths(options)]:
        if path.is_dir():
            raise InputError(f"{shown_path(path)} er ei mappe, men skal vere ei fil; flytt mappa eller vel eit anna --slug")
    if options.force:
        return
    for path in () if options.new_version else (folder / f"{options.slug}.{lang}.md" for lang in LANGS):
        if path.exists():
            raise InputError(
                f"{shown_path(path)} finst alt; bruk --force for å skrive over sida (id-ane til reglane blir då laga på nytt)"
            )
    for path in [*kept_paths(options), *(received_path(options, kind) for kind in ("pdf", "docx", "odt", "html"))]:
        if path.exists():
            raise InputError(
                f"{shown_path(path)} finst alt (teksta slik prosjektet fekk ho første gongen); "
                "bruk --force berre om den nye teksta skal erstatte ho"
            )


def page_front_matter(path: Path) -> dict | None:
    """The front matter of a page, read as the build reads it, or None if it has none that can be
    read: broken pages are the build's business, not a reason to stop an import."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        text = path.read_bytes()[: 64 * 1024].decode("utf-8", errors="replace")
        page = grammar.parse(text)
        return page.front_matter.data if page.front_matter is not None else None
    except (OSError, grammar.FrontMatterError):
        return None


def check_not_elsewhere(options: Options) -> None:
    """Refuse a municipality that already has a page under another slug (the same kommunenummer or
    the same name, ignoring case): the build allows one guideline per municipality. --force only
    overwrites pages of the same slug, so it does not get past this."""
    folder = options.docs / GUIDELINE_DIR
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        if path.name.split(".", 1)[0] == options.slug:
            continue
        meta = page_front_matter(path)
        if meta is None:
            continue
        name, number = meta.get("municipality"), meta.get("municipality_number")
        shown = shown_path(path)
        other = shown_text(path.name.split(".", 1)[0])
        if isinstance(number, (str, int)) and str(number).strip() == options.number:
            raise InputError(
                f"kommunenummeret {options.number} står alt i {shown} ({shown_text(str(name))}); kvar kommune har berre "
                f"éi retningslinje: rett --number, eller skriv over den sida med --slug {other} --force"
            )
        if isinstance(name, str) and fields.fold_name(name) == fields.fold_name(options.name):
            raise InputError(
                f"{options.name} finst alt i {shown} (kommunenummer {shown_text(str(number))}); kvar kommune har berre "
                f"éi retningslinje: rett --name, eller skriv over den sida med --slug {other} --force"
            )
