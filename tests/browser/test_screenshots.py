"""How pages look on a phone and a desktop: screenshots saved under test-artifacts/ for people to
look at, plus what a reader would notice at once: sideways scrolling, or Chinese drawn in boxes."""
import pytest

from browsing import ARTIFACTS, DESKTOP, PHONE, search_ready, type_query
from queries import page_of

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def shown_pages(plan) -> dict[str, str]:
    area = max(plan.areas, key=lambda a: len(a.problems))  # the longest focus-area page
    return {"home": "index.html", "area": page_of(area), "matrix": "matrix.html",
            "department": page_of(plan.departments[0])}


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def viewport_page(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], device_scale_factor=1)
    yield request.param, context.new_page()
    context.close()


def test_pages_fit_the_screen_and_draw_chinese_with_a_cjk_font(viewport_page, nginx_url, plan):
    name, page = viewport_page
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    problems = []
    for label, path in shown_pages(plan).items():
        page.goto(nginx_url + path)
        search_ready(page)
        page.screenshot(path=ARTIFACTS / "screenshots" / f"{label}-{name}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{path}：页面横向超出屏幕 {overflow}px")
        fonts = used_fonts(page, "article h1")
        if not any("CJK" in font for font in fonts):
            problems.append(f"{path}：标题没有用中文字体绘制（{fonts}）")
    assert problems == []


def test_open_search_screenshot(viewport_page, nginx_url, plan):
    name, page = viewport_page
    page.goto(nginx_url + "index.html")
    search_ready(page)
    type_query(page, plan.departments[0].name)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.screenshot(path=ARTIFACTS / "screenshots" / f"search-{name}.png")
    box = page.locator("input.md-search__input").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[name]["width"]


def used_fonts(page, selector: str) -> list[str]:
    """The fonts Chromium actually drew the element's text with (DevTools' "Rendered fonts")."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return [font["familyName"] for font in fonts]
