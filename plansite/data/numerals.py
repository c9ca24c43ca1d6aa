"""Chinese numerals for the document's numbering (一、 （一） 一是), computed, never typed."""

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五, 110 → 一百一十 (n in 1..9999)."""
    if not 0 < n < 10000:
        raise ValueError(f"numeral out of range: {n}")
    if 10 <= n < 20:  # 十一, not 一十一, as documents write it
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out, pending_zero = "", False
    for value, unit in _UNITS:
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if pending_zero else "") + _DIGITS[digit] + unit
            pending_zero = False
        elif out:
            pending_zero = True
    if n:
        out += ("零" if pending_zero and out else "") + _DIGITS[n]
    return out
