"""Amounts a sentence gives a project: investments, periods and outcomes."""
from __future__ import annotations

from ..records import relation
from ..scopes import Span
from ..tables import Tables


def fill_amounts(t: Tables, text: str, sent: Span, qs: list[dict], records, relations, owner) -> None:
    """Money beside an investment trigger, a duration beside a period trigger, a counted
    or measured amount in a sentence that speaks of outcomes (qs, the sentence's
    quantities); a programme's totals (我市…等50个项目, 约37.6万户) are not this project's."""
    if not qs or t.trigger_re["TOTAL"].search(text, sent.start, sent.end):
        return
    has_outcome = t.trigger_re["OUTCOME"].search(text, sent.start, sent.end) is not None
    for q in qs:
        m = owner(q["start"])
        rec = records[m.key]
        span = (q["start"], q["end"])
        near = text[max(sent.start, q["start"] - 12):q["start"]]
        after = text[q["end"]:min(sent.end, q["end"] + 8)]
        if _part_of_listed(text, q, rec):
            continue  # 总面积28万平方米，其中地下4万平方米: the part is in the total already
        if q["kind"] == "money" and "/" not in q["unit"] and t.trigger_re["INVESTMENT"].search(near + after):
            if rec.add("investments", span):
                rec.units[span] = q["unit"]
                rec.roles[span] = investment_role(t, text, q, sent)
                relations.append(relation("INVESTMENT", (m.start, m.end), span, sent))
        elif q["kind"] == "duration" and t.trigger_re["PERIOD"].search(near + after) \
                and not _loan_tenor(t, text, q, sent):
            if rec.add("periods", span):
                relations.append(relation("PERIOD", (m.start, m.end), span, sent))
        elif q["kind"] in ("count", "area", "length"):
            metric = outcome_metric(t, text, q, sent)
            # 户, 栋, 套, areas say what a project delivers wherever its sentence gives them;
            # a bare count or length only beside a word of delivering (改造, 新增 …)
            if metric and (has_outcome or metric in _SELF_EVIDENT) and rec.add("outcomes", (metric, span)):
                rec.units[span] = q["unit"]
                relations.append(relation("OUTCOME", (m.start, m.end), span, sent))


_PART_WINDOW = 300
_RECENT = 32   # a total stands among the record's last few amounts (records fill in reading order)


def _part_of_listed(text: str, q: dict, rec) -> bool:
    """Is the amount a part (after 其中, in its sentence or opening the next) of an amount
    of the same unit the record already lists from before that 其中?"""
    lo = max(0, q["start"] - _PART_WINDOW)
    stop = text.rfind("。", lo, q["start"]) + 1 or lo
    among = text.rfind("其中", stop, q["start"])
    if among < 0:
        return False
    if not text[stop:among].strip():  # 。其中…: the sentence before holds the whole
        stop = text.rfind("。", lo, max(lo, stop - 1)) + 1 or lo
    spans = rec.investments if q["kind"] == "money" else [s for _, s in rec.outcomes[-_RECENT:]]
    return any(stop <= a and b <= among and rec.units.get((a, b)) == q["unit"] for a, b in spans[-_RECENT:])


_SELF_EVIDENT = {"households", "buildings", "housing_units", "area", "elevators", "parking_spaces"}


def outcome_metric(t: Tables, text: str, q: dict, sent: Span) -> str | None:
    """The metric of an outcome amount: its unit and the words around it (outcome_metrics.tsv)."""
    unit = q["unit"]
    around = text[max(sent.start, q["start"] - 8):min(sent.end, q["end"] + 6)]
    for metric, units, context in t.metrics:
        if unit in units and (not context or any(c in around for c in context)):
            return metric
    return None


def investment_role(t: Tables, text: str, q: dict, sent: Span) -> str:
    """total, subsidy, loan, bond, social_capital, residents or other: the role word nearest
    before the amount in its clause (investment_roles.tsv), so that a sum of a project's
    money never counts a total and its parts twice."""
    start = max([sent.start] + [text.rfind(c, sent.start, q["start"]) + 1 for c in "，,；;。"])
    window = text[max(start, q["start"] - 16):q["start"]]
    best = None
    for role, pattern in t.role_re.items():
        for m in pattern.finditer(window):
            key = (m.end(), len(m.group(0)))
            if best is None or key > best[0]:
                best = (key, role)
    return best[1] if best else "other"


def _loan_tenor(t: Tables, text: str, q: dict, sent: Span) -> bool:
    """A loan tenor, an approval's validity or a building's age is no project period."""
    start = max([sent.start] + [text.rfind(c, sent.start, q["start"]) + 1 for c in "，,；;。"])
    window = text[max(start, q["start"] - 10):q["start"]]
    return t.trigger_re["NOT_PERIOD"].search(window) is not None
