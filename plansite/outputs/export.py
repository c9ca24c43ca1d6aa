"""The resolved model as plain JSON-ready data, for `build_data.py model` and the plan diff."""
from __future__ import annotations

import hashlib
import json
import weakref

from ..data.model import Area, Item, Plan, citation


def _item(item) -> dict:
    base = {"id": item.id, "code": item.code, "label": item.label, "title": item.title}
    if isinstance(item, Area):
        return base | {"heading": item.heading, "target": item.target, "note": item.note,
                       "problems": [{"id": p.id, "code": p.code, "title": p.title, "text": p.text, "note": p.note}
                                    for p in item.problems]}
    assert isinstance(item, Item)
    return base | {
        "subtitle": item.subtitle, "text": item.text, "extent": item.extent, "note": item.note,
        "owners": [d.id for d in item.owners], "owners_pending": item.owners_pending,
        "points": [{"code": p.code, "ordinal": p.ordinal, "lead": p.lead, "body": p.body,
                    "truncated": p.truncated, "note": p.note} for p in item.points],
    }


def model_dict(plan: Plan) -> dict:
    return {
        "title": plan.full_title,
        "period": plan.period,
        "basis": plan.basis,
        "preamble": plan.preamble,
        "sections": [{"key": s.key, "label": s.label, "title": s.title, "intro": s.intro,
                      "items": [_item(i) for i in s.items]} for s in plan.sections],
        "departments": [{"id": d.id, "name": d.name, "owns": [i.code for i in d.owns],
                         "mentions": [citation(m.holder) for m in d.mentions]}
                        for d in plan.departments],
    }


_fingerprints: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def fingerprint(plan: Plan) -> str:
    """A checksum of the model's content (12 hex digits): the same for the same plan whatever the
    file's comments or layout; what the handouts' 版记 prints and their caches are keyed by."""
    if plan not in _fingerprints:
        text = json.dumps(model_dict(plan), ensure_ascii=False, sort_keys=True)
        _fingerprints[plan] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return _fingerprints[plan]
