"""Money as news write it without 元: 总投资2.6亿, 投入资金5000万, 3.2个亿, 近3个亿.

A bare numeral with 万 or 亿 right after a money word of data/money_context.txt (a few
connecting characters such as 约, 为, 达 may stand between) is an amount in yuan; 个亿
after a numeral (3.2个亿) is the spoken 亿 of money.
"""
from __future__ import annotations

from decimal import Decimal

from ..numerals import Number
from .lookup import WordIndex
from .tables import Unit, money_context

YUAN = Unit("元", "元", "money", Decimal(1))
_YI = ("个亿", "個億", "个億", "個亿")
_YI_FACTOR = Decimal(10) ** 8
# Characters that may stand between the money word and the numeral (总投资约为2.6亿).
_CONNECTORS = "约为达到共计合近超逾是有：: "
_MAX_CONNECTORS = 3


class MoneyContext:
    """Reads the money context before a numeral and the spoken 个亿 after it."""

    def __init__(self) -> None:
        self.words = WordIndex(money_context())

    def money_before(self, text: str, start: int) -> bool:
        """Does a money word end at start, or a few connecting characters before it?"""
        p = start
        for _ in range(_MAX_CONNECTORS + 1):
            if any(n >= 2 for n in self.words.lengths_to(text, p)):
                return True
            if p == 0 or text[p - 1] not in _CONNECTORS:
                return False
            p -= 1
        return False

    @staticmethod
    def spoken_yi(text: str, end: int, number: Number) -> tuple[Number, int] | None:
        """3.2个亿 → (the number × 10^8, the end after 个亿), or None."""
        if text[end:end + 2] not in _YI:
            return None
        vmax = None if number.value_max is None else number.value_max * _YI_FACTOR
        return number._replace(value=number.value * _YI_FACTOR, value_max=vmax,
                               magnitude=number.magnitude * 10 ** 8), end + 2
