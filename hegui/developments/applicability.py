"""Does a development concern an organisation? Evaluate ``applies_when`` on the profile's facts.

Entity conditions (sectors, provinces, ftz, ciio, min_individuals) must hold for one and the same
entity; activities are read from the whole profile (see :func:`activities`). Every answer comes with
bilingual reasons naming the entities and facts used, so that a digest can say *why*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from hegui.developments.schema import AppliesWhen, Development
from hegui.models import Text
from hegui.profile.models import Entity, Profile

# Regime sections of the profile (attached by the rule packs) that mean "the organisation carries on
# this activity" when present and not all defaults.
_SECTION_ACTIVITIES = (
    "facial_recognition",
    "video_surveillance",
    "apps",
    "network_id",
    "minors",
    "mlps",
)


@dataclass(frozen=True)
class Applicability:
    """The answer for one development: applies or not, the reasons, the matching entities."""

    applies: bool
    reasons: tuple[Text, ...]
    entities: tuple[str, ...] = ()
    activities: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "applies": self.applies,
            "reasons": [r.model_dump() for r in self.reasons],
            "entities": list(self.entities),
            "activities": list(self.activities),
        }


def activities(profile: Profile) -> dict[str, Text]:
    """The activities the profile shows, each with the fact that shows it (bilingual).

    - ``personal_information``: a dataset holds PI, or an entity processes PI of ≥1 individual.
    - ``sensitive_personal_information``: a dataset lists sensitive PI categories.
    - ``cross_border``: the profile lists at least one transfer abroad.
    - ``important_data``: a dataset is designated (or self-identified as) important data, or a
      transfer is flagged as carrying important data.
    - ``minors``: a dataset holds PI of minors (under 14 or under 18), or a ``minors`` section.
    - ``childrens_smart_watches``: the ``minors`` section lists a device of kind
      ``childrens_smart_watch``.
    - ``mlps``: the profile lists network systems, or has an ``mlps`` section.
    - ``facial_recognition``, ``video_surveillance``, ``apps``, ``network_id``: the profile has
      that regime section and it is not all defaults (an ``in_use: false``-style flag switches it
      off).
    """
    found: dict[str, Text] = {}
    pi_sets = [d.id for d in profile.datasets if d.has_pi]
    pi_entities = [e.id for e in profile.entities if (e.individuals_processed or 0) > 0]
    if pi_sets or pi_entities:
        which = ", ".join(pi_sets or pi_entities)
        found["personal_information"] = Text(
            zh=f"处理个人信息（{which}）", en=f"processes personal information ({which})"
        )
    spi = [d.id for d in profile.datasets if d.sensitive_categories]
    if spi:
        found["sensitive_personal_information"] = Text(
            zh=f"处理敏感个人信息（{', '.join(spi)}）",
            en=f"processes sensitive personal information ({', '.join(spi)})",
        )
    if profile.transfers:
        ids = ", ".join(t.id for t in profile.transfers)
        found["cross_border"] = Text(
            zh=f"向境外提供数据（{ids}）", en=f"transfers data abroad ({ids})"
        )
    important = [
        d.id
        for d in profile.datasets
        if d.important_data.designated or d.important_data.core or d.important_data.self_identified
    ] + [t.id for t in profile.transfers if t.important_data]
    if important:
        found["important_data"] = Text(
            zh=f"处理重要数据（{', '.join(important)}）",
            en=f"processes important data ({', '.join(important)})",
        )
    minors = [d.id for d in profile.datasets if (d.minors_under_14 or 0) + (d.minors_under_18 or 0)]
    if minors:
        found["minors"] = Text(
            zh=f"处理未成年人个人信息（{', '.join(minors)}）",
            en=f"processes minors' personal information ({', '.join(minors)})",
        )
    watches = [
        str(getattr(d, "id", "?"))
        for d in getattr(getattr(profile, "minors", None), "devices", None) or []
        if getattr(d, "kind", None) == "childrens_smart_watch"
    ]
    if watches:
        found["childrens_smart_watches"] = Text(
            zh=f"提供儿童智能手表（{', '.join(watches)}）",
            en=f"makes or sells children's smart watches ({', '.join(watches)})",
        )
    if profile.systems:
        ids = ", ".join(s.id for s in profile.systems)
        found["mlps"] = Text(zh=f"运营网络系统（{ids}）", en=f"operates network systems ({ids})")
    for name in _SECTION_ACTIVITIES:
        section = getattr(profile, name, None)
        if name not in found and _section_in_use(section):
            ids = ", ".join(_item_ids(section))
            what = f"{name}: {ids}" if ids else name
            found[name] = Text(
                zh=f"档案声明了 {what}", en=f"the profile declares {what.replace('_', ' ')}"
            )
    return found


def _item_ids(section: Any) -> list[str]:
    """Ids of the records a section lists (apps, deployments, cameras ...), for the reason text."""
    items: list[Any] = []
    if isinstance(section, list):
        items = section
    elif isinstance(section, BaseModel):
        for value in vars(section).values():
            if isinstance(value, list):
                items.extend(value)
    return [str(i.id) for i in items if isinstance(getattr(i, "id", None), str)]


def _section_in_use(section: Any) -> bool:
    """A regime section counts when given, not all defaults, and not switched off by a flag."""
    if section is None:
        return False
    if isinstance(section, BaseModel):
        data = section.model_dump(exclude_defaults=True)
        for flag in ("in_use", "uses", "enabled", "operates", "applies"):
            if data.get(flag) is False:
                return False
        return bool(data)
    if isinstance(section, list | dict):
        return bool(section)
    return bool(section)


def evaluate(dev: Development, profile: Profile) -> Applicability:
    """Whether ``dev`` concerns the organisation described by ``profile``, and why."""
    cond = dev.applies_when
    if cond.everyone:
        return Applicability(
            True,
            (
                Text(
                    zh="适用于所有组织（全国性文件，无行业、地区或活动限制）",
                    en="concerns every organisation (national, no sector, region or activity limit)",
                ),
            ),
        )
    reasons: list[Text] = []
    matched: list[str] = []
    if cond.entity_conditions:
        matched = [e.id for e in profile.entities if _entity_matches(e, cond)]
        if not matched:
            return Applicability(False, (_no_entity_reason(cond, profile),))
        for e in profile.entities:
            if e.id in matched:
                reasons.append(_entity_reason(e, cond))
    acts: list[str] = []
    if cond.activities:
        shown = activities(profile)
        acts = [a for a in cond.activities if a in shown]
        if not acts:
            wanted = ", ".join(cond.activities)
            return Applicability(
                False,
                (
                    Text(
                        zh=f"档案未显示相关活动（{wanted}）",
                        en=f"the profile shows none of the activities it concerns ({wanted})",
                    ),
                ),
            )
        reasons.extend(shown[a] for a in acts)
    return Applicability(True, tuple(reasons), tuple(matched), tuple(acts))


def _individuals(e: Entity) -> int:
    return e.individuals_processed or 0


def _entity_matches(e: Entity, cond: AppliesWhen) -> bool:
    if cond.sectors and not set(cond.sectors) & set(e.sectors):
        return False
    if cond.provinces and e.province not in cond.provinces:
        return False
    if cond.ftz and e.ftz not in cond.ftz:
        return False
    if cond.ciio is not None and e.ciio != cond.ciio:
        return False
    return not (cond.min_individuals is not None and _individuals(e) < cond.min_individuals)


def _entity_reason(e: Entity, cond: AppliesWhen) -> Text:
    zh: list[str] = []
    en: list[str] = []
    if cond.provinces:
        zh.append(f"位于 {e.province}")
        en.append(f"is in {e.province}")
    if cond.ftz:
        zh.append(f"位于自贸区 {e.ftz}")
        en.append(f"is in the free trade zone {e.ftz}")
    if cond.sectors:
        hit = ", ".join(s for s in e.sectors if s in cond.sectors)
        zh.append(f"属于 {hit} 行业")
        en.append(f"is in sector {hit}")
    if cond.ciio is not None:
        zh.append("是关键信息基础设施运营者" if e.ciio else "不是关键信息基础设施运营者")
        en.append("is a CII operator" if e.ciio else "is not a CII operator")
    if cond.min_individuals is not None:
        zh.append(f"处理 {_individuals(e)} 人的个人信息（不少于 {cond.min_individuals}）")
        en.append(f"processes PI of {_individuals(e)} individuals (≥ {cond.min_individuals})")
    return Text(zh=f"实体 {e.id} " + "，".join(zh), en=f"entity {e.id} " + ", ".join(en))


def _no_entity_reason(cond: AppliesWhen, profile: Profile) -> Text:
    """Say which condition no entity meets, naming the nearest entities."""
    wanted_zh: list[str] = []
    wanted_en: list[str] = []
    if cond.provinces:
        wanted_zh.append(f"位于 {'/'.join(cond.provinces)}")
        wanted_en.append(f"in {'/'.join(cond.provinces)}")
    if cond.ftz:
        wanted_zh.append(f"位于自贸区 {'/'.join(cond.ftz)}")
        wanted_en.append(f"in free trade zone {'/'.join(cond.ftz)}")
    if cond.sectors:
        wanted_zh.append(f"属于 {'/'.join(cond.sectors)} 行业")
        wanted_en.append(f"in sector {'/'.join(cond.sectors)}")
    if cond.ciio is not None:
        wanted_zh.append("关键信息基础设施运营者" if cond.ciio else "非关键信息基础设施运营者")
        wanted_en.append("a CII operator" if cond.ciio else "not a CII operator")
    if cond.min_individuals is not None:
        wanted_zh.append(f"处理不少于 {cond.min_individuals} 人的个人信息")
        wanted_en.append(f"processing PI of ≥ {cond.min_individuals} individuals")
    near = [e for e in profile.entities if not cond.provinces or e.province in cond.provinces]
    if cond.provinces and near:
        detail_en = "; ".join(f"{e.id} is in sectors {', '.join(e.sectors) or '-'}" for e in near)
        detail_zh = "；".join(f"{e.id} 属于 {', '.join(e.sectors) or '-'} 行业" for e in near)
    elif cond.provinces:
        provs = sorted({e.province for e in profile.entities})
        detail_en = f"the group's entities are in {', '.join(provs)}"
        detail_zh = f"集团实体位于 {', '.join(provs)}"
    else:
        secs = sorted({s for e in profile.entities for s in e.sectors})
        detail_en = f"the group's sectors are {', '.join(secs) or '-'}"
        detail_zh = f"集团所属行业为 {', '.join(secs) or '-'}"
    return Text(
        zh=f"没有实体同时满足：{'，'.join(wanted_zh)}（{detail_zh}）",
        en=f"no entity is {' and '.join(wanted_en)} ({detail_en})",
    )
