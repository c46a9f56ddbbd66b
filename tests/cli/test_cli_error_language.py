"""Every `vanort` subcommand refuses bad input with one line on stderr, ``<command>: …``, exit ≠ 0,
in the language of the rest of its output: English for every command (as its reports and help),
and for ``aid-check`` the verdict's ``--lang`` (default Swedish) — argparse's refusals included."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from vanort.cli import argparse_message, command_language, main, translator

pytestmark = pytest.mark.django_db

#: words that only a Swedish line has (letters å/ä/ö are checked separately)
SWEDISH = re.compile(
    r"\b(är|inte|finns|saknas|kör|okänd|okänt|ogiltig|ogiltigt|filen|argument saknas|rad|kolumn)\b", re.I
)
#: words of the English templates (argparse's and ours) that must not stay in a Swedish or Ukrainian line
ENGLISH = re.compile(
    r"\b(the|following|arguments|required|unrecognized|invalid|choice|choose|from|cannot|missing|unknown|"
    r"expected|line|column|file|directory|does|not|exist|must|run|first|answer|needed)\b",
    re.I,
)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _run(capsys: Any, monkeypatch: Any, args: list[str], stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
    try:
        code = main(args)
    except SystemExit as exit_:  # argparse refuses by exiting
        code = int(exit_.code or 0)
    _out, err = capsys.readouterr()
    return code, err


def _words_outside_names(line: str, *names: str) -> str:
    """The line without the command, the file and field names and the quoted input (they stay as given)."""
    for name in names:
        line = line.replace(name, " ")
    return re.sub(
        r"'[^']*'|--[\w-]+|<stdin>|Vänort|JSON|UTF-8|ISO 3166-1|LEGAL_RULES\.md|[\w.-]+\.(csv|json|txt)", " ", line
    )


def _assert_english(line: str, *names: str) -> None:
    text = _words_outside_names(line, *names)
    assert not re.search("[åäöÅÄÖ]", text), line
    assert not SWEDISH.search(text), line
    assert not CYRILLIC.search(text), line


def _assert_swedish(line: str, *names: str) -> None:
    text = _words_outside_names(line, *names)
    assert not ENGLISH.search(text), line
    assert not CYRILLIC.search(text), line


def _assert_ukrainian(line: str, *names: str) -> None:
    text = _words_outside_names(line, *names)
    assert CYRILLIC.search(text), line
    assert not ENGLISH.search(text), line
    assert not SWEDISH.search(text), line
    assert not re.search("[åäö]", text), line


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    needs = tmp_path / "needs.csv"
    needs.write_text("id,place,country,sector,form,title,description,language\n1,X,UA,nosuch,advice,T,,uk\n")
    offers = tmp_path / "offers.csv"
    offers.write_text("id,municipality_code,sector,form,title,description,quantity,spare\n")
    partnerships = tmp_path / "partnerships.csv"
    partnerships.write_text("name\nx\n", encoding="utf-8")
    return {
        "bad_json": str(bad_json),
        "empty": str(empty),
        "needs": str(needs),
        "offers": str(offers),
        "partnerships": str(partnerships),
        "missing": str(tmp_path / "missing.json"),
        "dir": str(tmp_path),
    }


@pytest.fixture
def country_table(reference_data: None) -> None:
    from vanort.legal.services import status_table_seed

    status_table_seed()


ENGLISH_CASES = [
    ("setup", ["setup", "extra"]),
    ("load-demo", ["load-demo", "extra"]),
    ("serve", ["serve", "--port", "abc"]),
    ("serve", ["serve", "--port", "99999"]),
    ("serve", ["serve", "--port", "-1"]),
    ("import-document", ["import-document", "{missing}"]),
    ("import-document", ["import-document", "{empty}"]),
    ("import-document", ["import-document", "--dry-run", "{empty}"]),
    ("repair-text", ["repair-text", "{empty}"]),
    ("match", ["match", "--needs", "{needs}", "--offers", "{offers}"]),
    ("match", ["match", "--needs", "{needs}"]),
    ("export", ["export", "places", "--country", "XX"]),
    ("export", ["export", "partnerships", "--place", "9999"]),
    ("export", ["export", "places", "--format", "xml"]),
    ("import-partnerships", ["import-partnerships", "{partnerships}"]),
    ("stats", ["stats", "--bogus"]),
    ("personal-data", ["personal-data", "export"]),
    ("personal-data", ["personal-data", "export", "--user", "nobody"]),
    ("backup", ["backup", "{dir}"]),
    ("restore", ["restore", "{bad_json}"]),
    ("restore", ["restore", "{missing}"]),
    ("check", ["check", "--bogus"]),
    ("vanort", ["bogus"]),
    ("vanort", []),
]


@pytest.mark.parametrize(("command", "args"), ENGLISH_CASES, ids=[" ".join(a) or "no-args" for _c, a in ENGLISH_CASES])
def test_an_english_command_refuses_in_one_english_line(
    capsys: Any, monkeypatch: Any, files: dict[str, str], reference_data: None, command: str, args: list[str]
) -> None:
    code, err = _run(capsys, monkeypatch, [a.format(**files) for a in args])
    assert code != 0
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"{command}: "), err
    _assert_english(err, command, *files.values())


AID_CASES = [
    (["aid-check", "{missing}"], ""),
    (["aid-check", "{bad_json}"], ""),
    (["aid-check", "{dir}"], ""),
    (["aid-check", "-"], '{"giver": "kommun"}'),
    (["aid-check", "-"], '{"giver": "staten"}'),
    (["aid-check", "-"], '{"giver": "kommun", "recipient_country": "XX"}'),
    (["aid-check", "-"], '{"giver": "kommun", "decision_date": "3 maj"}'),
    (["aid-check", "-"], '{"gift": 1}'),
    (["aid-check", "-"], "[1, 2]"),
    (["aid-check", "-", "extra"], ""),
    (["aid-check", "--lang"], ""),
    (["aid-check", "--rules-only", "-"], '{"giver": "kommun"}'),
]
ASSERT_IN = {"sv": _assert_swedish, "en": _assert_english, "uk": _assert_ukrainian}


@pytest.mark.parametrize("lang", ["sv", "en", "uk"])
@pytest.mark.parametrize(("args", "stdin"), AID_CASES, ids=[" ".join(a) + " " + s for a, s in AID_CASES])
def test_aid_check_refuses_in_the_language_of_its_verdict(
    capsys: Any, monkeypatch: Any, files: dict[str, str], country_table: None, args: list[str], stdin: str, lang: str
) -> None:
    argv = [a.format(**files) for a in args]
    if argv[-1] != "--lang":
        argv[1:1] = ["--lang", lang]
    elif lang != "sv":
        pytest.skip("--lang without a value: the default language, Swedish")
    code, err = _run(capsys, monkeypatch, argv, stdin)
    assert code == 2
    assert len(err.splitlines()) == 1, err
    assert err.startswith("aid-check: "), err
    fields = ("aid-check", "giver", "gift", "recipient_country", "decision_date", "case", "staten", "argument")
    ASSERT_IN[lang if "--lang" in argv[:-1] else "sv"](err, *fields, *files.values())


def test_aid_check_with_an_unknown_lang_refuses_in_swedish(capsys: Any, monkeypatch: Any) -> None:
    code, err = _run(capsys, monkeypatch, ["aid-check", "--lang", "de", "-"])
    assert code == 2
    assert err == "aid-check: argument --lang: ogiltigt val 'de' (välj bland 'sv', 'en', 'uk')\n"


def test_aid_check_in_ukrainian_prints_the_rule_books_conditions(capsys: Any, monkeypatch: Any) -> None:
    case = (
        '{"giver": "kommun", "recipient_country": "UA", "decision_date": "2026-03-01", "activity": "aid",'
        ' "form": "equipment", "equipment_origin": "spare", "goods_type": "civil",'
        ' "recipient_entity": "foreign_public", "use_verification_plan": true, "decision_body": "fullmaktige"}'
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(case))
    assert main(["aid-check", "--rules-only", "--lang", "uk", "-"]) == 0
    out = capsys.readouterr().out
    assert "Переконайтеся, що обладнання використовується за призначенням." in out
    assert "Förvissa dig" not in out
    assert "Make sure" not in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["export", "places"], "en"),
        (["aid-check", "x.json"], "sv"),
        (["aid-check", "--lang", "uk"], "uk"),
        (["aid-check", "--lang=en"], "en"),
        (["aid-check", "--lang", "de"], "sv"),
        (["match", "--needs", "aid-check"], "en"),
    ],
)
def test_the_language_of_a_command(argv: list[str], expected: str) -> None:
    assert command_language(argv) == expected


def test_every_argparse_message_has_its_translation() -> None:
    english = translator("en")
    messages = [
        "the following arguments are required: what",
        "unrecognized arguments: x",
        "argument --lang: invalid choice: 'de' (choose from 'sv', 'en', 'uk')",
        "argument --port: invalid int value: 'abc'",
        "argument --lang: expected one argument",
        "argument --name: not allowed with argument --user",
        "argument --json: ignored explicit argument 'x'",
        "one of the arguments --user --name is required",
        "ambiguous option: --t could match --top, --to",
    ]
    for message in messages:
        assert argparse_message(message, english, english=True) != "invalid arguments; see --help", message
        assert CYRILLIC.search(argparse_message(message, translator("uk"))), message
        assert argparse_message(message, translator("sv")) != "ogiltiga argument; se --help", message
