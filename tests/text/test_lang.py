"""Tests of geoclaims.text.lang: the one-code language of a document."""

from __future__ import annotations

import pytest

from geoclaims.text.lang import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Officials said drones struck a fuel depot overnight near the border.", "en"),
        ("Ночью беспилотники атаковали нефтебазу у границы, сообщили власти.", "ru"),
        ("Уночі безпілотники атакували нафтобазу біля кордону, повідомили в ОВА.", "uk"),
        # A Russian quotation inside a Ukrainian report keeps the report Ukrainian.
        ("Речник заявив, що «ситуация под контролем», але бої тривають біля села.", "uk"),
        # Without the distinctive letters, function words decide.
        ("Він сказав, що це так, як у нас.", "uk"),
        ("Он сказал, что это так, как у нас.", "ru"),
        ("Ноччу беспілотнікі атакавалі нафтабазу ля мяжы, паведамілі ўлады.", "other"),
        ("W nocy drony zaatakowały skład paliwa przy granicy, podały władze.", "other"),
        ("Kursk", "other"),
    ],
)
def test_lang_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code
