"""How skogli.docx and bakken.pdf were made (run once by hand; the tests read the committed files).

    .venv/bin/python tests/data/import/make_documents.py
"""

from __future__ import annotations

import datetime
import subprocess
import tempfile
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent


def make_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Retningslinjer for ansattes bruk av sosiale medier", style="Title")
    document.add_paragraph("Vedtatt av rådmannen 1. februar 2022.")
    document.add_paragraph("Generelt", style="Heading 1")
    document.add_paragraph("Sosiale medier er en del av hverdagen for mange av oss.")
    for text in (
        "Tenk deg om før du publiserer: det du skriver kan spres raskt og er vanskelig å slette.",
        "Bruk sunn fornuft og vanlig folkeskikk.",
        "Ikke skriv noe om brukere eller pasienter som kan identifisere dem.",
    ):
        document.add_paragraph(text, style="List Bullet")
    document.add_paragraph("Når kommunen blir omtalt", style="Heading 1")
    for text in (
        "Ikke svar på kritikk av kommunen på vegne av arbeidsgiveren hvis du ikke har fått den oppgaven.",
        "Skriv en e-post til nærmeste leder hvis du ser innlegg som kan skade kommunen.",
    ):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Krisekommunikasjon", style="Heading 1")
    document.add_paragraph(
        "Ved ulykker og andre alvorlige hendelser legger kommunen ut informasjon på nettsiden først, deretter i sosiale medier."
    )
    document.core_properties.created = datetime.datetime(2022, 2, 1)
    document.save(path)


def make_pdf(html: Path, path: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={path}", html.as_uri()],
            check=True, capture_output=True,
        )


if __name__ == "__main__":
    make_docx(HERE / "skogli.docx")
    make_pdf(HERE / "bakken.html", HERE / "bakken.pdf")
