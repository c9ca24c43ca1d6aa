"""A plan ten times larger builds into a complete site whose pages do not grow with the plan.

The synthetic plans (plansite/data/synthetic.py) are what the benchmark builds; these tests make sure
they are valid plans of the stated scale, and that the site built from one has a page for
everything the model holds. Timings are not tested here: scripts/benchmark.py prints them.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plansite.data import loader
from plansite.site import sitemap
from plansite.data import synthetic

ROOT = Path(__file__).resolve().parent.parent


def synthetic_plan(plan, k: int, seed: int = 0):
    return loader.load_bytes(f"synthetic-k{k}.yaml", synthetic.dump(synthetic.generate(k, plan, seed)).encode("utf-8"))


def test_a_plan_of_scale_k_has_k_times_every_part(plan):
    big = synthetic_plan(plan, 3)
    assert len(big.areas) == 3 * len(plan.areas)
    assert len(big.problems) == 3 * len(plan.problems)
    assert len(big.measures.items) == 3 * len(plan.measures.items)
    assert len(big.guarantees.items) == 3 * len(plan.guarantees.items)
    assert len(big.departments) == 3 * len(plan.departments)


def test_synthetic_plans_are_reproducible_from_their_seed(plan):
    assert synthetic.generate(2, plan, seed=7) == synthetic.generate(2, plan, seed=7)
    assert synthetic.generate(2, plan, seed=7) != synthetic.generate(2, plan, seed=8)


def test_synthetic_text_is_the_real_plans_clauses_at_real_lengths(plan):
    big = synthetic_plan(plan, 5)
    real_clauses = {c for _, text in plan.texts() for c in re.split(r"[，；：。]", text)}
    names = {d.name for d in big.departments}
    for problem in big.problems:
        for clause in re.split(r"[，；：。]", problem.text):
            for name in names:  # a replicate's department stands where the real one did
                clause = clause.replace(name, re.sub(r"第.+?(?=[^第一二三四五六七八九十百零])", "", name, 1))
            assert not clause or clause in real_clauses, clause
    real_mean = sum(len(p.text) for p in plan.problems) / len(plan.problems)
    mean = sum(len(p.text) for p in big.problems) / len(big.problems)
    assert 0.8 * real_mean < mean < 1.3 * real_mean


def test_synthetic_owners_extents_and_mentions_are_varied_and_consistent(plan):
    big = synthetic_plan(plan, 10)
    measures = big.measures.items
    assert any(m.owners for m in measures) and any(m.owners_pending == "原文未载明" for m in measures)
    for item in measures + big.guarantees.items:  # the loader enforced the rules; all kinds occur
        assert item.extent in {"complete", "truncated", "title_only"}
    assert {i.extent for i in measures + big.guarantees.items} == {"complete", "truncated", "title_only"}
    for department in big.departments:  # owners come from the measure's own replicate
        assert all(item.id.rsplit("-", 1)[1] == department.id.rsplit("-", 1)[1] for item in department.owns)
    assert sum(len(d.mentions) for d in big.departments) >= 10 * sum(len(d.mentions) for d in plan.departments) // 2


@pytest.fixture(scope="module")
def site_k10(plan, tmp_path_factory):
    """A synthetic plan of scale 10, built with the repository's mkdocs.yml, strict."""
    work = tmp_path_factory.mktemp("k10")
    plan_file = work / "plan-k10.yaml"
    synthetic.write(10, str(plan_file), source_file=str(ROOT / "data" / "plan.yaml"))
    config = synthetic.project(str(work / "project"), str(plan_file))
    site = work / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAN_HANDOUTS="false")  # PDFs are test_pdf's
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", str(site)],
                            cwd=work / "project", env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return loader.load(str(work / "project" / "data" / "plan.yaml")), site


def test_k10_site_has_exactly_the_pages_the_model_implies(site_k10):
    big, site = site_k10
    shells = [p for p in (ROOT / "docs").glob("*.md")]
    implied = (len(big.sections) + len(big.areas) + len(big.measures.items) + len(big.guarantees.items)
               + 1 + len(big.departments))  # + the departments overview
    implied += len(sitemap.history_pages([]))  # compare.html (this plan has no release)
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(built) == implied + len(shells) + 1  # + 404.html
    for page in sitemap.pages(big):
        assert sitemap.built(page.path) in built, page.path


def test_k10_overviews_link_every_entry_the_navigation_leaves_out(site_k10):
    big, site = site_k10
    for overview, entries in ((big.focus, big.areas), (None, big.departments)):
        html = (site / sitemap.built(sitemap.url(overview))).read_text(encoding="utf-8")  # None: the departments
        for entry in entries:
            assert f'href="{sitemap.built(sitemap.url(entry)).rsplit("/", 1)[-1]}"' in html


def nav_entries(page: Path) -> int:
    primary = page.read_text(encoding="utf-8").split('class="md-nav md-nav--primary"', 1)[1].split("</nav>\n</div>", 1)[0]
    return primary.count('class="md-nav__item')


def test_k10_pages_carry_no_bigger_a_navigation_than_the_real_site(site_k10, built_site, plan):
    _, site = site_k10
    first = plan.measures.items[0].id
    page = sitemap.built(sitemap.url(plan.measures.items[0]))
    assert nav_entries(site / page.replace(first, f"{first}-5")) <= nav_entries(built_site / page)
