"""The input as received: read within a size limit, refused unless plain UTF-8 text, kept with its provenance."""

from __future__ import annotations

import datetime
import hashlib
import os
from pathlib import Path

import yaml

from municipal_guidelines.format import fields, grammar
from municipal_guidelines.importing.extract import REFUSED_FORMATS, Extracted, ExtractionError, extract
from municipal_guidelines.importing.marks import PRIVATE_USE_BULLET
from municipal_guidelines.importing.messages import CheckError, InputError, os_reason, shown_path
from municipal_guidelines.importing.options import Options

HOW = "guidelines import"  # provenance "how" of a source kept by this script

CHARACTER_NAMES = {  # control characters a reader may recognise by name
    0x00: "NUL",
    0x0B: "loddrett tabulator",
    0x0C: "sideskift",
    0x1B: "ESC",
    0x7F: "DEL",
    0xAD: "mjuk bindestrek",
    0x200B: "breiddelaust mellomrom",
    0x2028: "linjeskilje",
    0xFEFF: "BOM",
}


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The input as received, at most ``max_bytes`` of it; InputError if it cannot be read or is bigger."""
    shown = shown_path(path)
    if path.is_dir():
        raise InputError(f"{shown} er ei mappe; gje namnet på tekstfila")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
            status = os.fstat(handle.fileno())
    except FileNotFoundError as exc:
        raise InputError(f"{shown} finst ikkje; sjekk namnet på fila og mappa ho ligg i") from exc
    except PermissionError as exc:
        raise InputError(f"{shown} kan ikkje lesast: du har ikkje løyve til å lese fila") from exc
    except OSError as exc:
        raise InputError(f"{shown} kan ikkje lesast ({os_reason(exc)})") from exc
    if len(raw) > max_bytes:
        size = status.st_size if status.st_size > max_bytes else None
        how_big = f"er {size} byte" if size else f"er over {max_bytes} byte"
        raise InputError(
            f"{shown} {how_big}, meir enn grensa på {max_bytes} byte: ei retningslinje er nokre sider tekst, så sjekk at "
            f"det er rett fil; er ho det, køyr på nytt med --max-bytes {size or 'N'}"
        )
    return raw


def decode_text(raw: bytes, path: Path) -> str:
    """The input as text with ``\\n`` line ends; InputError unless it is plain UTF-8 text without
    control characters (tab, CR/LF line ends and no-break spaces are fine)."""
    shown = shown_path(path)
    for start, what, advice in REFUSED_FORMATS:
        if raw.startswith(start):
            raise InputError(f"{shown}: fila ser ut som {what}, som ikkje kan importerast; {advice}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) >= 4 and raw.count(b"\x00") * 4 > len(raw)):
        raise InputError(f"{shown} er lagra som UTF-16; opne fila i eit tekstprogram og lagre ho som UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{shown}, linje {line}: teksta er ikkje lagra som UTF-8 (feil i byte {exc.start}); "
            "opne fila i eit tekstprogram og lagre ho som UTF-8"
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return check_text_characters(text, path)


def check_text_characters(text: str, path: Path) -> str:
    """``text`` if it has no control character (tab and line ends are fine; a symbol font's bullet
    at a line's start is a bullet: importing/marks.py) and is not empty; else InputError."""
    shown = shown_path(path)
    for number, line in enumerate(text.split("\n"), start=1):
        hidden = fields.control_character(PRIVATE_USE_BULLET.sub("", line, count=1), allowed="\t")
        if hidden:
            name = CHARACTER_NAMES.get(int(hidden[2:], 16))
            raise InputError(
                f"{shown}, linje {number}: teksta inneheld kontrollteiknet {hidden}{f' ({name})' if name else ''}, som ikkje "
                "høyrer heime i ein tekst (slikt kjem ofte med når tekst blir kopiert frå PDF); fjern det og lagre fila på nytt"
            )
    if not text.strip():
        raise InputError(f"{shown} er tom: det er inga tekst å importere")
    return text


def read_source(options: Options) -> tuple[bytes, str, Extracted | None]:
    """The input as received (bytes, kept as they are), as text to import (tabs and no-break
    spaces made plain spaces), and, for a document (Word), what its extraction made of it."""
    raw = read_bytes(options.input, options.max_bytes)
    try:
        extracted = extract(raw)
    except ExtractionError as exc:
        raise InputError(f"{shown_path(options.input)}: {exc}") from exc
    text = extracted.text if extracted else decode_text(raw, options.input)
    if extracted:
        check_text_characters(text, options.input)
    return raw, text.replace("\t", "    ").replace("\u00a0", " "), extracted


def provenance(options: Options, raw: bytes, today: datetime.date, extracted: Extracted | None = None) -> bytes:
    """``<sources>/<slug>.yml``: where the kept text came from, as the project's other sources say it.
    For a document: the file as received beside it, its checksum, and what extracted the text."""
    text_bytes = extracted.text.encode("utf-8") if extracted else raw
    values = {
        "municipality": options.name,
        "municipality_number": options.number,
        "file": f"{options.kept_stem}.txt",
        "sha256": hashlib.sha256(text_bytes).hexdigest(),
        "received": today.isoformat(),
        "received_as": options.input.name,
        "how": f"{HOW}: {options.how}" if options.how else HOW,
    }
    if extracted:
        values |= {
            "received_file": f"{options.kept_stem}.{extracted.kind}",
            "received_sha256": hashlib.sha256(raw).hexdigest(),
            "extracted_by": extracted.extractor,
        }
    what = "the text extracted from the document as received" if extracted else "the guideline text exactly as the project received it"
    lines = [
        f"# Provenance of sources/{options.kept_stem}.txt: {what}.",
        f"municipality: {grammar.yaml_scalar(values['municipality'])}",
        f'municipality_number: "{values["municipality_number"]}"',
        *(f"{key}: {grammar.yaml_scalar(str(values[key]))}" for key in ("file", "sha256")),
        f'received: "{values["received"]}"',
        *(f"{key}: {grammar.yaml_scalar(str(values[key]))}" for key in ("received_as", "how", "received_file", "received_sha256", "extracted_by") if key in values),
        "",
    ]
    text = "\n".join(lines)
    if yaml.safe_load(text) != values:
        raise CheckError(f"the provenance does not read back as written:\n{text}")
    return text.encode("utf-8")
