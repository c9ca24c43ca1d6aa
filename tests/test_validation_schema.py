"""The one schema: the plan points editors' tools to it, and the 编辑指南 page is generated from it."""
from __future__ import annotations

import json
import re
from pathlib import Path

from sitepages import PAGE, article_text, read_page

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "data" / "plan.schema.json").read_text(encoding="utf-8"))


def objects(node, path=""):
    """(path, object schema) for every kind of entry, following $ref."""
    while "$ref" in node:
        node = {**SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    if node.get("type") == "object":
        yield path, node
        for key, sub in node.get("properties", {}).items():
            yield from objects(sub, f"{path}.{key}" if path else key)
    elif node.get("type") == "array":
        yield from objects(node.get("items", {}), path + "[]")


def test_the_plan_file_names_its_schema_for_editors_tools():
    first = (ROOT / "data" / "plan.yaml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=plan.schema.json"


def test_the_guide_lists_every_field_of_every_entry_with_its_description(built_site):
    page = built_site / PAGE["guide"]
    text = article_text(page)
    for path, node in objects(SCHEMA):
        for key, sub in node.get("properties", {}).items():
            assert key in text, f"{path}.{key} missing from the guide"
            described = sub.get("description")
            if described:
                assert re.sub(r"\s+", "", described) in text, f"description of {path}.{key} missing"
    # A required field is marked so: the measure's id, title and extent, e.g.
    row = re.search(r"<tr>\s*<td><code>extent</code></td>\s*<td>(.*?)</td>", page.read_text(encoding="utf-8"))
    assert row and row.group(1) == "是"


def test_the_guide_is_in_the_navigation_after_the_edit_status(built_site):
    home = read_page(built_site / PAGE["home"])
    assert "guide.html" in " ".join(home.links)
    assert home.text.index("编辑状态") < home.text.index("编辑指南")


def test_the_schema_is_a_valid_json_schema():
    import jsonschema

    from plansite.data.schema import schema

    jsonschema.validators.validator_for(schema()).check_schema(schema())
