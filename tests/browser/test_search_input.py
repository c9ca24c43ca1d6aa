"""Text reaching the search box in Chromium however it comes (arrivals.py): typed, pasted with the
keyboard or the mouse, dropped, an input method's candidate taken by key or by mouse, and
Chromium's own input method path (DevTools' IME emulation). Each is searched for once, never
while the input method is still composing, and answered without a further key.

Firefox gets the same cases in test_firefox.py.
"""
import pytest

from arrivals import DISPATCHED, IN_PAGE, PASTED, QUERY_LOG, SCRIPT, TYPED, WAYS, Arrival, arrivals, wrong
from browsing import DESKTOP, search_ready, site_relative
from queries import FIRST

# Composed and committed by Chromium itself (Input.imeSetComposition, then Input.insertText).
CHROMIUM_IME = "Chromium's input method"


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport=DESKTOP)
    for script in (QUERY_LOG, IN_PAGE):
        context.add_init_script(script.read_text(encoding="utf-8"))
    yield context
    context.close()


def compose_in_chromium(page, text: str) -> None:
    """Pinyin typed into Chromium's input method, then its candidates, then one taken."""
    cdp = page.context.new_cdp_session(page)
    for step in ["x", "xi", *(text[:len(text) * n // 4 or 1] for n in (1, 2, 3))]:
        cdp.send("Input.imeSetComposition", {"text": step, "selectionStart": len(step), "selectionEnd": len(step)})
        page.wait_for_timeout(30)  # room for a query that should not go out
    cdp.send("Input.insertText", {"text": text})
    cdp.detach()


def arrive(page, arrival: Arrival, base: str) -> list[str]:
    """*arrival* on its page, as firefox.mjs does it in Firefox; wrong() on what followed."""
    page.goto(base + arrival.page)
    search_ready(page)
    dispatch = f"([way, text]) => ({SCRIPT.read_text(encoding='utf-8')})(way, text)"
    if arrival.way == PASTED:
        assert page.evaluate(dispatch, ["select on page", arrival.text]), arrival
        page.keyboard.press("Control+C")
    page.evaluate("() => planTest.empty()")
    if arrival.way == PASTED:
        page.keyboard.press("Control+V")
    elif arrival.way == TYPED:
        page.keyboard.type(arrival.text, delay=20)
    elif arrival.way == CHROMIUM_IME:
        compose_in_chromium(page, arrival.text)
    else:
        assert arrival.way in DISPATCHED
        page.evaluate(dispatch, [arrival.way, arrival.text])
    results = page.evaluate("limit => planTest.results(limit, 0).catch(() => [])", FIRST)
    page.wait_for_timeout(200)  # a late second query would be sent by now
    box = page.locator("[data-md-component=search-query]").input_value()
    return wrong(arrival, page.evaluate("() => window.planQueryLog"), box, [site_relative(h, base) for h in results])


@pytest.mark.parametrize("way", [*WAYS, CHROMIUM_IME])
def test_text_reaching_the_search_box_in_chromium_is_searched_once(way, context, nginx_url, plan):
    arrival = next(a for a in arrivals(plan, [*WAYS, CHROMIUM_IME]) if a.way == way)
    page = context.new_page()
    try:
        assert arrive(page, arrival, nginx_url) == []
    finally:
        page.close()
