"""In the browser, `mkdocs serve`'s error page turns into the page the reader was on as soon as
the plan is fixed, on the home page (MkDocs' own reload script) and on any other page (which
MkDocs answers with its 404 page, where the error page's own script asks for the reload)."""
from pathlib import Path


from live_serve import ERROR_TITLE, serve, shows_site, wait

CASES = Path(__file__).resolve().parents[1] / "cases"


def test_error_page_reloads_into_the_site_when_the_plan_is_fixed(new_context, tmp_path):
    with serve(tmp_path, CASES / "44_reserved_id_index" / "plan.yaml") as (url, plan, log):
        wait(url, lambda status, text: ERROR_TITLE in text)
        context = new_context()
        home, other = context.new_page(), context.new_page()
        home.goto(url)
        other.goto(url + "measures/accountability.html")
        for page in (home, other):
            assert ERROR_TITLE in page.locator("h1").inner_text()
            assert "plan.yaml:22:11" in page.locator("li").first.inner_text()
        plan.write_bytes((CASES / "00_valid" / "plan.yaml").read_bytes())
        wait(url, shows_site, timeout=60)
        for page in (home, other):
            page.wait_for_function(f"document.body && !document.body.innerText.includes({ERROR_TITLE!r})",
                                   timeout=20_000)  # (no body yet while the reload is parsed)
            page.locator("article h1").wait_for(timeout=20_000)
        assert "严肃追责问责" in other.locator("article h1").inner_text()
