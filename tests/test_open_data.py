"""The plan as open data, as another system gets it from 下载: downloads/plan.json (the current text)
and plan-<slug>.json per release, valid against the published downloads/plan-json.schema.json;
every area, problem, measure, point, guarantee and department once, with the text of its own
version and a page address that lands on it; tasks.csv with the task table's rows, readable by Excel.

Checked on the three-release fixture project (tests/released.py) and on the real site's build;
expectations come from the fixture's edits and the models.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from plansite.outputs import task_table
from released import NEW_WORD, OLD_WORD
from sitepages import read_page

KINDS = {"area", "problem", "measure", "point", "guarantee", "department"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def data_files(site: Path) -> list[Path]:
    return [site / "downloads" / "plan.json"] + sorted(site.glob("downloads/plan-2*.json"))


def validator(site: Path):
    schema = load(site / "downloads" / "plan-json.schema.json")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("which", ["released", "real"])
def test_every_data_file_is_valid_against_the_published_schema(which, released, built_site):
    site = released.site if which == "released" else built_site
    check = validator(site)
    files = data_files(site)
    releases = released.timeline().releases if which == "released" else None
    if releases:
        assert sorted(f.name for f in files[1:]) == sorted(f"plan-{r.slug}.json" for r in releases)
    for path in files:
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in check.iter_errors(load(path))]
        assert problems == [], path.name


def expected_ids(plan) -> set[tuple[str, str]]:
    """(kind, id) of everything the model holds; a point is known by its item's id and number."""
    found = {("area", a.id) for a in plan.areas} | {("problem", p.id) for p in plan.problems}
    found |= {("department", d.id) for d in plan.departments}
    for kind, section in (("measure", plan.measures), ("guarantee", plan.guarantees)):
        found |= {(kind, i.id) for i in section.items}
        found |= {("point", f"{i.id}-{p.number}") for i in section.items for p in i.points}
    return found


def test_each_file_holds_its_own_versions_items_once(released):
    timeline = released.timeline()
    versions = [(f"plan-{r.slug}.json", r.plan) for r in timeline.releases] + [("plan.json", timeline.working)]
    for name, plan in versions:
        items = load(released.site / "downloads" / name)["items"]
        pairs = [(r["kind"], r["id"]) for r in items]
        assert len(pairs) == len(set(pairs)) and set(pairs) == expected_ids(plan), name
        assert {r["kind"] for r in items} == KINDS
        by_code = {r["code"]: r for r in items if r["code"]}
        for problem in plan.problems:  # the text of that version, under that version's code
            assert by_code[problem.code]["text"] == problem.text and by_code[problem.code]["parent"] == problem.area.id


def test_the_texts_and_owners_are_those_of_each_release(released):
    first, second, third = released.timeline().releases

    def record(release, ident):
        return next(r for r in load(released.site / "downloads" / f"plan-{release.slug}.json")["items"] if r["id"] == ident)

    assert OLD_WORD in record(first, "study-half-hearted")["text"] and NEW_WORD in record(second, "study-half-hearted")["text"]
    pending, named = record(second, "accountability"), record(third, "accountability")
    assert pending["owners"] == [] and pending["owners_pending"] == "原文未载明"
    assert named["owners"] == [{"id": "zhuanxiangban", "name": "区委专项办"}] and named["owners_pending"] is None
    assert {record(r, "accountability")["release"] for r in (second, third)} == {second.slug, third.slug}


def test_the_current_file_says_it_has_unreleased_changes_and_belongs_to_no_release(released):
    timeline = released.timeline()
    data = load(released.site / "downloads" / "plan.json")
    assert data["version"] == "current" and data["unreleased_changes"] is True
    assert data["release"]["slug"] == timeline.current.slug and data["release"]["number"] == 3
    assert {r["release"] for r in data["items"]} == {None}
    released_file = load(released.site / "downloads" / f"plan-{timeline.current.slug}.json")
    assert released_file["version"] == timeline.current.slug and released_file["unreleased_changes"] is False


@pytest.mark.parametrize("name", ["plan.json", "plan-2022-06-01.json"])
def test_every_address_lands_on_the_item_it_names(released, name):
    """A current record's page is its own page; a release's, that release's full text."""
    pages: dict[str, set] = {}
    for record in load(released.site / "downloads" / name)["items"]:
        path, _, anchor = record["url"].partition("#")
        if path not in pages:
            assert (released.site / path).is_file(), record["url"]
            pages[path] = read_page(released.site / path).ids
        assert not anchor or anchor in pages[path], record["url"]
        if name != "plan.json":
            assert path.startswith("releases/") and anchor == record["id"]


def test_a_current_address_points_at_the_items_page(released):
    items = {r["id"]: r for r in load(released.site / "downloads" / "plan.json")["items"]}
    assert items["decisions"]["url"] == "areas/decisions.html"
    assert items["study-half-hearted"]["url"] == "areas/decisions.html#study-half-hearted"
    assert items["accountability-1"]["url"] == "measures/accountability.html#accountability-1"
    assert items["zhuanxiangban"]["url"] == "departments/zhuanxiangban.html"


def test_the_csv_is_the_task_tables_rows_with_a_byte_order_mark(released):
    raw = (released.site / "downloads" / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on Chinese Windows reads UTF-8 only then
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    sheet = load_workbook(released.site / "downloads" / "tasks.xlsx").active
    table = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows == table  # the same rows as the spreadsheet beside it
    assert tuple(rows[0]) == task_table.HEADER
    plan = released.timeline().working
    assert [row[1] for row in rows[1:]] == [m.code for m in plan.measures.items]


def test_the_schema_knows_every_kind_and_field(released):
    """The schema forbids what it does not describe, so a field added to the data must be described."""
    schema = load(released.site / "downloads" / "plan-json.schema.json")
    item = schema["$defs"]["item"]
    assert item["additionalProperties"] is False and set(item["properties"]["kind"]["enum"]) == KINDS
    assert set(item["required"]) == set(item["properties"])
    assert all(item["properties"][name]["description"] for name in item["properties"])  # each explained


def test_a_paragraph_under_a_heading_is_in_the_record_and_valid():
    """A guarantee written as one paragraph (no 一是/二是) carries that paragraph as its body."""
    from plansite.data import loader
    from plansite.outputs import open_data

    plan = loader.load_bytes(str(Path(__file__).parent / "cases" / "57_text_only_accepted" / "plan.yaml"), None)
    data = json.loads(open_data.dumps(plan, lambda obj: "x.html", None, current=True))
    schema = json.loads(Path(open_data.SCHEMA).read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(data)
    with_text = [item for section in (plan.measures, plan.guarantees) for item in section.items if item.text]
    assert with_text
    bodies = {r["id"]: r["body"] for r in data["items"] if r["kind"] in ("measure", "guarantee")}
    assert all(bodies[item.id] == item.text for item in with_text)
    assert all(body is None for ident, body in bodies.items() if ident not in {i.id for i in with_text})
