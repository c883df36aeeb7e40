"""Atom feeds (RFC 4287) of the guidelines' new versions: one for the whole site
(``<lang root>/endringar.xml``) and one per municipality (``<lang root>/kommunar/<slug>/endringar.xml``),
in each language form. An entry is a new version with what it changed (rules added, removed and
changed, each change a word diff), as escaped HTML.

With ``site_url`` the links are absolute; without it they are relative to the feed's own address
(Atom resolves them against it, so the site works under any sub-path), and the ids, which must be
absolute, are ``urn:uuid:`` names made from the feed's path. ElementTree escapes every text and
attribute; nothing from a page is written unescaped.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from municipal_guidelines.layout import CHANGES_PAGE, FEED_FILE, GUIDELINE_DIR, feed_url, guideline_url, lang_prefix
from municipal_guidelines.model.site import SiteModel
from municipal_guidelines.render.history import VersionView, latest_changes, version_views

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01"


def _timestamp(date: str) -> str:
    return f"{date or EPOCH}T00:00:00Z"


def _change_html(view: VersionView, ui: Mapping[str, Any]) -> str:
    """The entry's content: what the version changed, as HTML (escaped again by ElementTree)."""
    parts = [f"<p>{escape(ui['changes_count'].format(added=len(view.added), removed=len(view.removed), changed=len(view.changed)))}</p>"]
    if view.changed:
        items = []
        for change in view.changed:
            text = "".join(
                f"<ins>{escape(c.text)}</ins>" if c.kind == "ins" else f"<del>{escape(c.text)}</del>" if c.kind == "del" else escape(c.text)
                for c in change.changes
            )
            items.append(f"<li>{escape(change.rule_id)}: {text}</li>")
        parts.append(f"<h3>{escape(ui['changes_changed'])}</h3><ul>{''.join(items)}</ul>")
    if view.added:
        items = "".join(f"<li>{escape(rule.id)}: <ins>{escape(rule.text)}</ins></li>" for rule in view.added)
        parts.append(f"<h3>{escape(ui['changes_added'])}</h3><ul>{items}</ul>")
    if view.removed:
        items = "".join(f"<li>{escape(rule.id)}: <del>{escape(rule.text)}</del></li>" for rule in view.removed)
        parts.append(f"<h3>{escape(ui['changes_removed'])}</h3><ul>{items}</ul>")
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def feed_xml(
    views: list[VersionView], *, title: str, path: str, page: str, names: Mapping[str, str], ui: Mapping[str, Any], base: str, lang: str,
    prefix: str,
) -> bytes:
    """One feed. ``path``: the feed's address from the site root (``nn/endringar.xml``); ``page``:
    the HTML page it is the feed of; ``base``: the site's address, or "" (links relative to the
    feed); ``prefix``: the language form's root (``""``, ``"nn/"``)."""
    depth = path.count("/")
    up = "../" * depth

    def link(target: str) -> str:  # ``target`` from the site root
        return f"{base}/{target}" if base else (up + target if up + target else "./")

    def identity(target: str) -> str:
        return f"{base}/{target}" if base else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'municipal-guidelines:' + target)}"

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _sub(feed, "title", title)
    _sub(feed, "id", identity(path))
    _sub(feed, "updated", _timestamp(max((v.date for v in views), default="")))
    _sub(feed, "link", rel="self", href=link(path), type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=link(page), type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", title)
    for view in views:
        slug = view.version.slug
        entry = _sub(feed, "entry")
        target = f"{prefix}{guideline_url(slug)}#{view.anchor}"
        _sub(entry, "title", ui["feed_entry"].format(name=names.get(slug, slug), date=view.date))
        _sub(entry, "id", identity(f"{prefix}{view.version.url}#{view.anchor}"))
        _sub(entry, "updated", _timestamp(view.date))
        _sub(entry, "link", rel="alternate", href=link(target), type="text/html")
        _sub(entry, "content", _change_html(view, ui), type="html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feeds(out: Path, model: SiteModel, uis: Mapping[str, Mapping[str, Any]], site_url: str | None, default_lang: str) -> list[Path]:
    """The site's feed and each municipality's, in every language form, under ``out``."""
    base = (site_url or "").rstrip("/")
    written = []
    for lang, ui in uis.items():
        prefix = lang_prefix(lang, default_lang)
        names = model.matrices[lang].names
        files = {
            f"{prefix}{FEED_FILE}": (latest_changes(model, lang), ui["feed_title_site"], f"{prefix}{CHANGES_PAGE}"),
        }
        for slug in sorted(model.guidelines):
            views = [v for v in version_views(model.history(slug), lang) if v.number > 1]
            files[f"{prefix}{feed_url(slug)}"] = (views, ui["feed_title"].format(name=names.get(slug, slug)), f"{prefix}{guideline_url(slug)}")
        for path, (views, title, page) in files.items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(feed_xml(views, title=title, path=path, page=page, names=names, ui=ui, base=base, lang=lang, prefix=prefix))
            written.append(target)
    return written


def page_feeds(src_uri: str, names: Mapping[str, str], ui: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The feeds a page names in its ``<head>`` (``<link rel="alternate" type="application/atom+xml">``),
    as (title, address from the language form's root): the site's on every page, and on the pages of
    one municipality (its guideline and its earlier versions) that municipality's too.
    ``src_uri``: the page's source under docs/ (``kommunar/loten.nb.md``, ``kommunar/loten/versjon/…``)."""
    feeds = [(ui["feed_title_site"], feed_url())]
    parts = src_uri.split("/")
    if len(parts) >= 2 and parts[0] == GUIDELINE_DIR:
        slug = parts[1].split(".")[0]
        if slug in names:
            feeds.append((ui["feed_title"].format(name=names[slug]), feed_url(slug)))
    return feeds
