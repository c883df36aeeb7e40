"""How skogli.docx, bakken.pdf, vikdal.docx, asen.pdf, gran.pdf and lund.docx were made (run once by hand; the tests read the committed files).

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


def make_word_without_list_styles(path: Path) -> None:
    """Word as many write it: no heading styles (bold Normal lines), bullets typed as "•" and a tab
    in Normal paragraphs, a numbered list typed by hand."""
    document = docx.Document()
    title = document.add_paragraph()
    title.add_run("Sosiale medier i Vikdal kommune – retningslinjer for ansatte").bold = True
    document.add_paragraph("Godkjent av kommunedirektøren 20.01.2025")

    def heading(text: str) -> None:
        document.add_paragraph().add_run(text).bold = True

    heading("Innledning")
    document.add_paragraph("Sosiale medier gir kommunen nye muligheter til å nå innbyggerne. Samtidig stiller de krav til oss som ansatte.")
    heading("Dette gjelder alle")
    for text in (
        "Husk at du alltid representerer kommunen når du skriver om jobben din.",
        "Del aldri bilder fra arbeidsplassen der brukere kan kjennes igjen.",
        "Det du legger ut, kan bli liggende på nettet for alltid.",
        "Ta kontakt med nærmeste leder hvis du blir utsatt for trusler eller hets.",
    ):
        document.add_paragraph("•\t" + text)
    heading("For redaktører av kommunens kontoer")
    for number, text in enumerate((
        "Svar høflig og saklig, også på kritikk.",
        "Meldinger som har betydning for en sak, skal journalføres.",
        "Ved en krise er det kriseledelsen som bestemmer hva som publiseres.",
    ), start=1):
        document.add_paragraph(f"{number}. {text}")
    document.core_properties.author = "Vikdal kommune"
    document.core_properties.created = datetime.datetime(2025, 1, 20)
    document.save(path)


def make_word_with_a_table(path: Path) -> None:
    """A guideline whose rules stand in a two-column table, «Tema» | «Slik gjør vi det», as many
    Word guidelines have them, between paragraphs with styles."""
    document = docx.Document()
    document.add_paragraph("Sosiale medier i Lund kommune", style="Title")
    document.add_paragraph("Godkjent av kommunedirektøren 5. mai 2023.")
    document.add_paragraph("Hvem gjelder dette for?", style="Heading 1")
    document.add_paragraph("Retningslinjene gjelder alle ansatte og alle som skriver på kommunens kontoer.")
    document.add_paragraph("Slik gjør vi det", style="Heading 1")
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Tema", "Slik gjør vi det"
    for topic, text in (
        ("Bilder", "Vi legger ikke ut bilder av barn eller brukere uten skriftlig samtykke fra dem eller foresatte."),
        ("Taushetsplikt", "Opplysninger om enkeltpersoner hører aldri hjemme i sosiale medier, heller ikke i private meldinger."),
        ("Svar til innbyggerne", "Vi svarer på spørsmål innen én arbeidsdag. Spørsmål som gjelder en sak, sender vi videre til postmottaket."),
        ("Kritikk og hets", "Saklig kritikk får et saklig svar. Innlegg med trusler eller hets skjuler vi, og vi melder fra til lederen."),
    ):
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = topic, text
    document.add_paragraph("Spørsmål om retningslinjene kan rettes til kommunikasjonsrådgiveren.")
    document.core_properties.author = "Lund kommune"
    document.core_properties.created = datetime.datetime(2023, 5, 5)
    document.save(path)


def make_pdf(html: Path, path: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={path}", html.as_uri()],
            check=True, capture_output=True,
        )


def make_pdf_with_page_furniture(html: Path, path: Path, header: str) -> None:
    """As Word exports a document: the same header and a «Side N av M» footer on every page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        page.goto(html.as_uri())
        style = "font-size:9pt;font-family:'DejaVu Serif',serif;width:100%;margin:0 1.2cm"
        page.pdf(
            path=str(path), format="A4", display_header_footer=True,
            header_template=f'<div style="{style}">{header}</div>',
            footer_template=f'<div style="{style};text-align:right">Side <span class="pageNumber"></span> av <span class="totalPages"></span></div>',
            margin={"top": "2.2cm", "bottom": "2.2cm", "left": "1.5cm", "right": "1.5cm"},
        )
        browser.close()


if __name__ == "__main__":
    make_docx(HERE / "skogli.docx")
    make_pdf(HERE / "bakken.html", HERE / "bakken.pdf")
    make_word_without_list_styles(HERE / "vikdal.docx")
    make_pdf(HERE / "asen.html", HERE / "asen.pdf")
    make_word_with_a_table(HERE / "lund.docx")
    make_pdf_with_page_furniture(HERE / "gran.html", HERE / "gran.pdf", "Gran kommune – Retningslinjer for sosiale medier")
