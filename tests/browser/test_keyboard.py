"""A keyboard walk of every page type at 390 px (a phone) and 1366 px (a laptop), in both language
forms (WCAG 2.1 AA 2.1.1, 2.4.3, 2.4.7): Tab, from the top of the page until focus leaves it, meets
every control a reader can see, in the page's document order (the reading order: no positive
tabindex), each one visible on the screen with a visible focus indicator, and nothing hidden (the
folded navigation drawer on a phone, a closed dialog, a folded <details>). On a phone the menu
button is one of the controls: it opens the drawer with the keyboard, and Escape closes it again.
"""

from __future__ import annotations

import pytest

from .helpers import focused

SCREENS = {"390": {"width": 390, "height": 844}, "1366": {"width": 1366, "height": 900}}
PAGES = {  # page type -> address (nb; nn/ in front for nynorsk)
    "home": "",
    "guideline": "kommunar/bomlo/",
    "topic": "tema/taushetsplikt/",
    "matrix": "matrise/",
    "coverage": "dekning/",
    "profile": "profil/frogn/",
    "draft": "utkast/",
    "topic list": "tema/",
    "overview": "kommunar/",
}
CASES = [(kind, lang, width) for kind in PAGES for lang in ("nb", "nn") for width in SCREENS]

# The end states are checked, not transitions: Material fades the skip link and ¶ in on focus.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# Marks every control a reader can see and reach with Tab (data-walk = its place in document order)
# and returns how many there are. A radio group is one stop (its checked button, else its first).
EXPECTED = """() => {
  const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
  const rendered = el => {
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    if (!el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true })) return false;  // inside a closed <details>
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.visibility !== 'visible' || style.display === 'none' || style.opacity === '0') return false;
    }
    return true;
  };
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert], dialog:not([open])') || !rendered(el)) continue;
    if (el.matches('summary') && el.parentElement.firstElementChild !== el) continue;
    if (el.type === 'radio') {
      const group = Array.from(document.getElementsByName(el.name)).filter(r => r.type === 'radio' && r.form === el.form);
      if (el !== (group.find(r => r.checked) || group[0])) continue;
    }
    el.setAttribute('data-walk', n++);
  }
  return n;
}"""

# What Tab reached: its data-walk place, whether it is on screen and uncovered, its focus indicator.
FOCUSED = r"""async () => {
  // Two frames after the key: what a reader sees (Material fits its sidebars to the window on scroll).
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  let shown = box.width >= 1 && box.height >= 1 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  for (let node = el; node && shown; node = node.parentElement) {
    const s = getComputedStyle(node);
    if (s.visibility !== 'visible' || s.opacity === '0') shown = false;
  }
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const uncovered = !!top && (el.contains(top) || top.contains(el) || (el.labels && Array.from(el.labels).some(l => l.contains(top))));
  // A focus indicator: an outline, or a change of look between focused and not (Material's
  // "back to top" button has no outline but changes colour).
  const look = s => [s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine, s.borderColor].join('|');
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
  const focusedLook = look(style);
  el.blur();
  const changes = look(getComputedStyle(el)) !== focusedLook;
  el.focus({ preventScroll: true });
  return {
    walk: el.getAttribute('data-walk'),
    what: el.outerHTML.replace(/\s+/g, ' ').slice(0, 160),
    shown, uncovered, indicator: outline || changes,
  };
}"""


def root(lang: str) -> str:
    return "" if lang == "nb" else "nn/"


@pytest.fixture(params=list(SCREENS), ids=lambda width: f"{width}px")
def width(request) -> str:
    return request.param


def open_at(browser, width: str):
    context = browser.new_context(viewport=SCREENS[width])
    context.set_default_timeout(10_000)
    return context, context.new_page()


def walk(page) -> list[dict]:
    """Press Tab from the top of the page until the focus leaves the page or comes round again."""
    seen: list[dict] = []
    for _ in range(600):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now is None or (seen and now["walk"] is not None and now["walk"] == seen[0]["walk"]):
            break
        seen.append(now)
    else:
        raise AssertionError(f"600 × Tab never left {page.url}")
    return seen


@pytest.mark.parametrize(("kind", "lang", "width"), CASES, ids=[f"{lang}-{kind}-{width}px" for kind, lang, width in CASES])
def test_tab_meets_every_visible_control_in_reading_order_with_visible_focus(browser, base_url: str, kind: str, lang: str, width: str) -> None:
    context, page = open_at(browser, width)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        url = root(lang) + PAGES[kind]
        page.goto(base_url + url)
        page.add_style_tag(content=NO_TRANSITIONS)
        assert page.evaluate("() => Array.from(document.querySelectorAll('[tabindex]')).filter(el => el.tabIndex > 0).length") == 0, (
            f"/{url}: a positive tabindex takes elements out of the reading order"
        )
        expected = page.evaluate(EXPECTED)
        assert expected > 3, f"/{url}: only {expected} controls found"
        seen = walk(page)
        where = f"/{url} at {width} px"
        # A control may show itself only when focused (the skip link, a heading's ¶): then it is
        # not among the visible controls beforehand, but it must be on screen while it has focus.
        hidden = [stop["what"] for stop in seen if not (stop["shown"] and stop["uncovered"])]
        assert not hidden, f"{where}: Tab reaches {len(hidden)} controls a reader cannot see:\n" + "\n".join(hidden[:8])
        no_ring = [stop["what"] for stop in seen if not stop["indicator"]]
        assert not no_ring, f"{where}: focused without a visible focus indicator:\n" + "\n".join(no_ring[:8])
        order = [int(stop["walk"]) for stop in seen if stop["walk"] is not None]
        assert order == sorted(order), f"{where}: Tab goes out of reading order: {order}"
        missed = sorted(set(range(expected)) - set(order))
        lost = page.evaluate("ns => ns.map(n => document.querySelector(`[data-walk='${n}']`).outerHTML.replace(/\\s+/g, ' ').slice(0, 160))", missed[:8])
        assert not missed, f"{where}: Tab never reaches {len(missed)} of {expected} visible controls:\n" + "\n".join(lost)
    finally:
        context.close()
    assert not errors, "JavaScript errors on the page:\n" + "\n".join(errors)


MENU = "button.md-header__menu"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_on_a_phone_the_menu_button_opens_the_drawer_with_the_keyboard(browser, base_url: str, lang: str) -> None:
    context, page = open_at(browser, "390")
    try:
        page.goto(base_url + root(lang) + "matrise/")
        page.add_style_tag(content=NO_TRANSITIONS)
        for _ in range(10):
            page.keyboard.press("Tab")
            if focused(page, MENU):
                break
        else:
            raise AssertionError("10 × Tab never reached the menu button")
        button = page.locator(MENU)
        # a button to assistive technology: a <button> (a label may not take role="button": vnu)
        assert button.evaluate("e => e.tagName") == "BUTTON" and button.get_attribute("aria-label")
        assert button.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert page.locator("#__drawer").is_checked(), "Enter on the menu button does not open the drawer"
        assert button.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
        assert inside, "after opening the drawer, Tab does not go into it"
        drawer_link = page.locator(".md-sidebar--primary a.md-nav__link").first
        assert drawer_link.is_visible()
        page.keyboard.press("Escape")
        assert not page.locator("#__drawer").is_checked(), "Escape does not close the drawer"
        assert focused(page, MENU), "closing the drawer does not return the focus to the menu button"
        page.keyboard.press(" ")
        assert page.locator("#__drawer").is_checked(), "Space on the menu button does not open the drawer"
    finally:
        context.close()


# The drawer's panels: what Tab reaches in it, from the menu button, along a path of Enters.
IN_DRAWER = "() => !!document.activeElement && !!document.activeElement.closest('.md-sidebar--primary')"
OPENER = "() => document.activeElement.matches('label.md-nav__link[for][role=button][aria-expanded]')"
BACK = "() => document.activeElement.matches('label.md-nav__title[for][role=button]') ? document.activeElement.getAttribute('aria-label') : null"
HREF = "() => document.activeElement.matches('a[href]') ? new URL(document.activeElement.href).pathname + new URL(document.activeElement.href).hash : null"
PANEL = "() => { const nav = document.activeElement.closest('nav.md-nav'); return nav.getAttribute('aria-labelledby') || nav.getAttribute('aria-label'); }"
WHAT = "() => document.activeElement.outerHTML.replace(/\\s+/g, ' ').slice(0, 160)"
# Every link of the drawer's navigation, but the current page's own, which a phone shows as the
# entry that opens its table of contents.
NAV_LINKS = """() => Array.from(document.querySelectorAll('nav.md-nav--primary a.md-nav__link[href]'))
  .filter(a => !(a.classList.contains('md-nav__link--active') && a.previousElementSibling && a.previousElementSibling.matches('label[for=__toc]')))
  .map(a => new URL(a.href).pathname + new URL(a.href).hash)"""


def _follow(page, url: str, path: list[int]) -> None:
    """Load the page, open the drawer with the keyboard and follow ``path``: at each step so many
    Tabs (Shift+Tabs if negative) within the open panel, then Enter. Enter on a section's entry
    must put the focus on its panel's back button; Enter on a back button, on the entry of the
    section it leaves, in sight."""
    page.goto(url)
    page.add_style_tag(content=NO_TRANSITIONS)
    page.locator(MENU).focus()
    page.keyboard.press("Enter")
    assert page.evaluate(IN_DRAWER), "opening the drawer from the keyboard leaves the focus outside it"
    for step in path:
        for _ in range(abs(step)):
            page.keyboard.press("Tab" if step > 0 else "Shift+Tab")
        opener, back = page.evaluate(OPENER), page.evaluate(BACK)
        assert opener or back, page.evaluate(WHAT)
        page.keyboard.press("Enter")
        page.wait_for_timeout(50)
        now = page.evaluate(FOCUSED)
        if opener:
            assert page.evaluate(BACK), f"opening a section puts the focus on {now and now['what']}"
        else:
            assert page.evaluate(OPENER) and now["shown"], f"going back up ({back}) puts the focus on {now and now['what']}"


def _panel_stops(page, where: str, key: str) -> list[dict]:
    """Press ``key`` from the focused control until the focus leaves the drawer; every stop must be
    on screen, uncovered and with a focus indicator, and the drawer closes behind the focus."""
    stops = []
    for _ in range(80):
        if not page.evaluate(IN_DRAWER):
            break
        stop = page.evaluate(FOCUSED)
        assert stop and stop["shown"] and stop["uncovered"], f"{where}: {key} reaches a drawer control out of sight: {stop}"
        assert stop["indicator"], f"{where}: a drawer control has no visible focus: {stop['what']}"
        stop.update(opens=bool(page.evaluate(OPENER) or page.evaluate(BACK)), href=page.evaluate(HREF))
        stops.append(stop)
        page.keyboard.press(key)
    else:
        raise AssertionError(f"{where}: 80 × {key} never left the drawer")
    assert not page.locator("#__drawer").is_checked(), f"{where}: the focus left the drawer, which stayed open over the page"
    return stops


DRAWER_PAGES = {"home": "", "topic": "tema/bilete/", "matrix": "matrise/"}
DRAWER_CASES = [(kind, lang) for kind in DRAWER_PAGES for lang in ("nb", "nn")]


@pytest.mark.parametrize(("kind", "lang"), DRAWER_CASES, ids=[f"{lang}-{kind}" for kind, lang in DRAWER_CASES])
def test_in_the_phone_drawer_tab_meets_only_what_is_in_sight_and_reaches_every_page(browser, base_url: str, kind: str, lang: str) -> None:
    """Issue 22 (WCAG 2.1.1, 2.4.3, 2.4.7): on a phone, Material's drawer shows one panel at a time
    (a section's panel slides over its parent; folded panels wait out of sight, still focusable), and
    the top sections' entries take no focus (a wide screen shows them open). Every Tab stop in the
    drawer must be in sight; every section opens from the keyboard with the focus on its panel's
    back button, «Tilbake fra/frå …», which goes back up with the focus on the section's entry; and
    every page the drawer lists is reached this way, whichever panel the drawer opens on."""
    context, page = open_at(browser, "390")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = base_url + root(lang) + DRAWER_PAGES[kind]
    try:
        page.goto(url)
        expected = set(page.evaluate(NAV_LINKS))
        assert len(expected) >= 8, expected
        reached: set[str] = set()
        pending: list[list[int]] = [[]]
        seen_panels: set[str] = set()
        while pending:
            path = pending.pop(0)
            _follow(page, url, path)
            panel = page.evaluate(PANEL)
            if panel in seen_panels:
                continue
            seen_panels.add(panel)
            assert len(seen_panels) <= 12, "more panels than the navigation has"
            for key, sign in (("Tab", 1), ("Shift+Tab", -1)):
                if sign < 0:
                    _follow(page, url, path)
                stops = _panel_stops(page, f"{url} drawer {path}", key)
                reached |= {stop["href"] for stop in stops if stop["href"]}
                # the focus starts on a back button or an entry only where the drawer opens
                pending += [[*path, sign * index] for index, stop in enumerate(stops) if stop["opens"] and (index or (not path and sign > 0))]
        assert len(seen_panels) >= 4, f"only {len(seen_panels)} panels were opened: {seen_panels}"
        missed = sorted(expected - reached)
        assert not missed, f"the drawer's keyboard never reaches {missed}"
    finally:
        context.close()
    assert not errors, "JavaScript errors on the page:\n" + "\n".join(errors)
