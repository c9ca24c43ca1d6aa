"""The plan as open data: every area, problem, measure, point, guarantee and department as one record.

One JSON file per version (the current text, and each release as it stood), all in the shape of
``open_data.schema.json`` (published as downloads/plan-json.schema.json). Records are flat, in document
order, each naming its parent, so other systems can load them as one table and join versions by id.
Page addresses come from the site (*address*), relative to the site's root.
"""
from __future__ import annotations

import json
import os
from typing import Callable, Optional

from ..data.model import Item, Plan
from . import document

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "open_data.schema.json")
SCHEMA_NAME = "plan-json.schema.json"  # its name on the site, beside the data it describes


def records(plan: Plan, address: Callable[[object], str], release: Optional[str]) -> list[dict]:
    """Every area, problem, measure, point, guarantee and department of *plan*, in document order."""
    def record(obj, kind, code, title, text, parent=None, extent=None, owners=(), pending=None, note=None, body=None):
        return {"id": getattr(obj, "id", None) or obj.anchor, "kind": kind, "code": code, "title": title,
                "text": text, "body": body, "parent": parent, "owners": [{"id": d.id, "name": d.name} for d in owners],
                "owners_pending": pending, "extent": extent, "note": note, "url": address(obj), "release": release}

    found = []
    for area in plan.areas:
        found.append(record(area, "area", area.code, area.title, document.heading_text(area), note=area.note))
        found += [record(p, "problem", p.code, p.title, p.text, parent=area.id, note=p.note) for p in area.problems]
    for section in (plan.measures, plan.guarantees):
        for item in section.items:
            found.append(_item(record, item))
            found += [record(p, "point", p.code, p.lead, document.point_text(p), parent=item.id,
                             extent="truncated" if p.truncated else "complete", note=p.note) for p in item.points]
    found += [record(d, "department", None, d.name, d.name) for d in plan.departments]
    return found


def _item(record, item: Item) -> dict:
    kind = "measure" if item.is_measure else "guarantee"
    return record(item, kind, item.code, item.title, document.heading_text(item), extent=item.extent,
                  owners=item.owners, pending=item.owners_pending, note=item.note, body=item.text)


def dumps(plan: Plan, address: Callable[[object], str], release: Optional[dict], current: bool,
          unreleased: bool = False) -> str:
    """One version's JSON file. *release* is the release this text is, or for the current text (*current*)
    the latest release, as {slug, number, date, title, note, url}; *unreleased*: the current text has
    changed since. Records belong to *release* unless the text has unreleased changes (or none was made)."""
    belongs = release["slug"] if release and not unreleased else None
    data = {
        "$schema": SCHEMA_NAME,
        "version": "current" if current else release["slug"],
        "release": release,
        "unreleased_changes": unreleased,
        "title": plan.full_title,
        "period": {"start": plan.period_start, "end": plan.period_end},
        "basis": plan.basis,
        "items": records(plan, address, belongs),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
