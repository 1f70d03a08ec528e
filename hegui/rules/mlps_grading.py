"""The MLPS grading assistant: GB/T 22240-2020 matrix from law data, two axes, the higher level.

Business-information security and system-service security are each graded as
``matrix[object harmed][degree of harm]``; the system's level is the higher of the two. Answers
may be given as ids (``social_order``), aliases (``public_interest``), Chinese titles
(``社会秩序、公共利益``) or 1-based option numbers.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hegui.errors import HeguiError
from hegui.law.loader import Law
from hegui.models import Citation, Text

MATRIX = "mlps_grading_matrix"

# The four questions, in the order the CLI asks them: (answer field, axis, part).
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("info_object", "info", "object"),
    ("info_degree", "info", "degree"),
    ("service_object", "service", "object"),
    ("service_degree", "service", "degree"),
)
_AXIS_TEXT = {
    "info": Text(zh="业务信息安全", en="business information security"),
    "service": Text(zh="系统服务安全", en="system service security"),
}
_PART_TEXT = {
    "object": Text(zh="受侵害的客体", en="object harmed"),
    "degree": Text(zh="对客体的侵害程度", en="degree of harm"),
}


class GradingInputError(HeguiError):
    """A grading answer is missing or names no option of the matrix."""


class Option(BaseModel):
    """One answer option (an object harmed or a degree of harm)."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: Text
    aliases: tuple[str, ...] = ()


class Question(BaseModel):
    """One grading question with its options."""

    model_config = ConfigDict(frozen=True)

    field: str
    prompt: Text
    options: tuple[Option, ...]


class AxisResult(BaseModel):
    """The level of one axis."""

    axis: str
    axis_title: Text
    object: Option
    degree: Option
    level: int


class GradingResult(BaseModel):
    """The system's level with the reasoning and the provisions it rests on."""

    level: int = Field(ge=1, le=5)
    level_title: Text
    info: AxisResult
    service: AxisResult
    reasoning: list[str]
    needs_review: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


def _options(entries: Any, key: str) -> tuple[Option, ...]:
    return tuple(
        Option(
            id=str(o["id"]),
            title=Text(zh=o["title"]["zh"], en=o["title"]["en"]),
            aliases=tuple(str(a) for a in o.get("aliases") or ()),
        )
        for o in entries[key]
    )


def questions(law: Law) -> list[Question]:
    """The four grading questions with their options, from the matrix in law data."""
    entries = law.mapping(MATRIX)
    out = []
    for field, axis, part in QUESTIONS:
        opts = _options(entries, "objects" if part == "object" else "degrees")
        prompt = Text(
            zh=f"{_AXIS_TEXT[axis].zh}：{_PART_TEXT[part].zh}",
            en=f"{_AXIS_TEXT[axis].en}: {_PART_TEXT[part].en}",
        )
        out.append(Question(field=field, prompt=prompt, options=opts))
    return out


def resolve(question: Question, answer: object) -> Option:
    """The option ``answer`` names (GradingInputError naming the field otherwise)."""
    text = str(answer).strip() if answer is not None else ""
    if not text:
        raise GradingInputError("no answer given", field=question.field)
    norm = text.lower().replace("-", "_").replace(" ", "_")
    for i, opt in enumerate(question.options, start=1):
        names = {opt.id, *opt.aliases, opt.title.zh, opt.title.en.lower().replace(" ", "_")}
        if norm in names or text in names or text == str(i):
            return opt
    choices = ", ".join(f"{i}={o.id}" for i, o in enumerate(question.options, start=1))
    raise GradingInputError(
        f"unknown answer {text!r}; choose one of {choices}", field=question.field
    )


def grade(law: Law, answers: dict[str, object]) -> GradingResult:
    """Grade a system from its four answers (keys as in :data:`QUESTIONS`)."""
    entries = law.mapping(MATRIX)
    unknown = sorted(set(answers) - {q[0] for q in QUESTIONS})
    if unknown:
        raise GradingInputError(
            f"unknown grading key(s) {', '.join(unknown)}; expected "
            f"{', '.join(q[0] for q in QUESTIONS)}",
            field=unknown[0],
        )
    chosen = {q.field: resolve(q, answers.get(q.field)) for q in questions(law)}
    axes: dict[str, AxisResult] = {}
    caveats: list[str] = []
    for axis in ("info", "service"):
        obj, deg = chosen[f"{axis}_object"], chosen[f"{axis}_degree"]
        axes[axis] = AxisResult(
            axis=axis,
            axis_title=_AXIS_TEXT[axis],
            object=obj,
            degree=deg,
            level=int(entries["matrix"][obj.id][deg.id]),
        )
        for note in entries.get("cell_notes") or []:
            if note["object"] == obj.id and note["degree"] == deg.id:
                caveats.append(
                    f"{_AXIS_TEXT[axis].en}: {' '.join(str(note['needs_review']).split())}"
                )
    info, service = axes["info"], axes["service"]
    level = max(info.level, service.level)
    names = entries["levels"]
    level_title = Text(zh=names[str(level)]["zh"], en=names[str(level)]["en"])
    reasoning = [
        f"Business information security: {info.degree.title.en.lower()} to "
        f"{info.object.title.en.lower()} -> level {info.level}.",
        f"System service security: {service.degree.title.en.lower()} to "
        f"{service.object.title.en.lower()} -> level {service.level}.",
        f"The system's level is the higher of the two: {level_title.en}.",
    ]
    return GradingResult(
        level=level,
        level_title=level_title,
        info=info,
        service=service,
        reasoning=reasoning,
        needs_review=caveats,
        citations=[law.cite(r["instrument"], r.get("article")) for r in entries["reference"]],
    )
