"""French number formatting (CLDR fr / Imprimerie nationale conventions)."""

import datetime as dt

from qsp_lib.core import style

NNBSP = "\u202f"
NBSP = "\u00a0"


def test_thousands_and_decimal_comma():
    assert style.fr(1234.5) == f"1{NNBSP}234,5"
    assert style.fr(1234567.891, 2) == f"1{NNBSP}234{NNBSP}567,89"
    assert style.fr(12, 0) == "12"


def test_units_and_percent_have_a_no_break_space():
    assert style.fr(950, 0, "kWh/kWc") == f"950{NBSP}kWh/kWc"
    assert style.pct(0.123) == f"12,3{NBSP}%"


def test_negative_zero_and_missing_values():
    assert style.fr(-0.04, 1) == "0,0"
    assert style.fr(-1234.5) == f"-1{NNBSP}234,5"
    assert style.fr(None) == "–"
    assert style.fr(float("nan")) == "–"


def test_auto_decimals_and_dates():
    assert style.fr_auto(0.052) == "0,052"
    assert style.fr_auto(2.0) == "2"
    assert style.fr_date(dt.date(2026, 11, 29)) == "29/11/2026"
    assert style.fr_datetime("2026-11-29T14:05:00") == "29/11/2026 à 14:05"


def test_axis_formatter_writes_french_ticks():
    fmt = style.french_formatter()
    assert fmt(2500.0, 0) == f"2{NNBSP}500"
    assert fmt(1.5, 0) == "1,5"


def test_table_formatting_per_column():
    import pandas as pd

    df = pd.DataFrame({"mois": [1], "energie_kwh": [1234.56], "part": [0.25], "nom": ["a"]})
    out = style.format_table(
        df, decimals={"mois": 0, "energie_kwh": 1, "part": 0}, percent=("part",)
    )
    assert out.iloc[0].tolist() == ["1", f"1{NNBSP}234,6", f"25{NBSP}%", "a"]


def test_french_specs_in_templates():
    """The template specs give the French forms written in the Imprimerie nationale's
    rules: thin no-break space for thousands, decimal comma, no-break space before %."""
    nbsp, thin = "\u00a0", "\u202f"
    text = style.fmt(
        "{a:n0}|{b:n1}|{c:%1}|{d:p1}|{e:auto}|{f:date}|{g}|{h:>3}",
        a=1234.5,
        b=-0.04,
        c=0.1234,
        d=14,
        e=0.052,
        f="2026-11-29",
        g=3,
        h="x",
    )
    assert text.split("|") == [
        f"1{thin}234",  # 1234.5 rounds half to even at 0 decimals in Python: 1 234
        "0,0",  # no "-0,0"
        f"12,3{nbsp}%",
        f"14,0{nbsp}%",
        "0,052",
        "29/11/2026",
        "3",
        "  x",
    ]


def test_brief_templates_escape_every_field():
    from qsp_lib.core import brief

    filled = brief._fill("{name} : {x:n1} t", {"name": "<b>Îlot</b>", "x": 2.25})
    assert filled.startswith("&lt;b&gt;Îlot&lt;/b&gt; : ")
    assert "<b>" not in filled
