"""The options of a new version of a guideline (``guidelines import --new-version``, its dates and
the reviewer's corrections), checked as the build checks the front matter; the alignment itself is
``importing/revision.py``."""

from __future__ import annotations

import argparse
import datetime
from dataclasses import dataclass

from municipal_guidelines.format import fields
from municipal_guidelines.importing.messages import InputError


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options of a new version (and the dates, which a first import may give too)."""
    group = parser.add_argument_group("a new version of a municipality that has a page (its rule ids are kept)")
    group.add_argument(
        "--new-version", action="store_true",
        help="the file is a new version of the guideline of --slug: rules kept or reworded keep their ids, "
        "the current pages move to kommunar/<slug>/versjon/<date>; --name, --number, --county and --lang default to the current page's",
    )
    group.add_argument("--adopted", help='the date the version was adopted, e.g. 2024-03-14')
    group.add_argument("--decision", help='the decision that adopted it, e.g. "PS 64/2013"')
    group.add_argument("--in-force", help="the date the version is in force from (default: --adopted, else the day received)")
    group.add_argument(
        "--pair", action="append", default=[], metavar="ROW=ID",
        help="correct the alignment: row ROW of the table is rule ID of the current version, or 'ny' (a new rule) or 'prosa'",
    )
    group.add_argument("--dry-run", action="store_true", help="print the alignment and write nothing")


@dataclass(frozen=True)
class Dates:
    adopted: str = ""
    decision: str = ""
    in_force: str = ""
    received: str = ""

    @property
    def version(self) -> str:
        return self.in_force or self.adopted or self.received

    def front_matter(self) -> dict[str, str]:
        return {key: value for key, value in (("adopted", self.adopted), ("decision", self.decision),
                                              ("in_force", self.in_force), ("received", self.received)) if value}


def dates_from(args: argparse.Namespace, today: datetime.date) -> Dates:
    """The dates given on the command line, checked as the build checks the front matter."""
    values = {}
    for option in ("--adopted", "--in-force"):
        value = (getattr(args, option[2:].replace("-", "_")) or "").strip()
        problem = fields.check_date(value) if value else None
        if problem:
            raise InputError(f"{option} {problem}")
        values[option] = value
    decision = (args.decision or "").strip()
    problem = fields.check_text(decision) if decision else None
    if problem:
        raise InputError(f"--decision {problem}")
    received = today.isoformat() if args.new_version else ""
    return Dates(values["--adopted"], decision, values["--in-force"], received)
