from pathlib import Path

from bot.cli import main
from bot.core.faq.check import check_knowledge

GOOD = """
- id: {id}
  topic: t
  title: {{nb: "Tittel", nn: "Tittel", en: "Title", uk: "Назва"}}
  questions:
    nb: [{q}]
    en: ["something in english {id}"]
  answer: {{nb: "Svar {{office_phone}}", nn: "Svar", en: "Answer", uk: "Відповідь"}}
"""


def write(tmp_path: Path, text: str) -> Path:
    faq = tmp_path / "faq"
    faq.mkdir()
    (faq / "x.yaml").write_text(text)
    return tmp_path


def test_clean_knowledge_has_no_problems(tmp_path):
    d = write(
        tmp_path,
        GOOD.format(id="a", q="hvor mye koster hybel")
        + GOOD.format(id="b", q="når er treffet for utflyttede"),
    )
    assert check_knowledge(d) == []


def test_each_problem_is_one_line_with_file_and_id(tmp_path):
    text = (
        GOOD.format(id="a", q="hvor mye koster hybel")
        + GOOD.format(id="a", q="noe helt annet her")
        + "- id: c\n  topic: t\n  title: {nb: T}\n  questions: {nb: [q c]}\n"
        "  answer: {nb: '', en: 'x {price}'}\n  followups: [faq:nope, teleport]\n"
        + GOOD.format(id="d", q="noe helt annet her da")
    )
    problems = check_knowledge(write(tmp_path, text))
    joined = "\n".join(problems)
    assert "knowledge/faq/x.yaml: a: duplicate id" in joined
    assert "knowledge/faq/x.yaml: c: no phrasings in en" in joined
    assert "knowledge/faq/x.yaml: c: empty or missing answer in nb" in joined
    assert "knowledge/faq/x.yaml: c: empty or missing answer in uk" in joined
    assert "knowledge/faq/x.yaml: c: missing title in nn" in joined
    assert "knowledge/faq/x.yaml: c: unknown placeholder {price}" in joined
    assert "knowledge/faq/x.yaml: c: followup to unknown entry 'nope'" in joined
    assert "knowledge/faq/x.yaml: c: unknown followup 'teleport'" in joined
    assert any("d: phrasing 'noe helt annet her da'" in p and "'a'" in p for p in problems)
    assert all(p.startswith("knowledge/faq/x.yaml: ") for p in problems)


def test_cli_check_exits_1_on_problems(tmp_path, monkeypatch, capsys):
    import bot.commands as commands

    write(tmp_path, "- id: a\n")
    monkeypatch.setattr(commands, "ROOT", tmp_path)
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "faq").rename(tmp_path / "knowledge" / "faq")
    (tmp_path / "dialogs").mkdir()
    assert main(["check"]) == 1
    assert "knowledge/faq/x.yaml: a:" in capsys.readouterr().out


def test_the_shipped_knowledge_and_dialogs_are_clean(capsys):
    assert main(["check"]) == 0
    assert "no problems" in capsys.readouterr().out


def test_a_message_missing_in_a_language_is_reported_with_file_and_id(tmp_path):
    from bot.core.i18n import missing_messages

    for lang in ("nb", "nn", "en", "uk"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "faq.ftl").write_text("a = A\n" + ("b = B\n" if lang != "uk" else ""))
        (tmp_path / lang / "staff.ftl").write_text("s = S\n" if lang in ("nb", "nn") else "")
    assert missing_messages(tmp_path) == [
        "bot/locales/uk/faq.ftl: b: missing (present in nb)",
        "bot/locales/en/staff.ftl: s: missing (present in nb)",
    ]
