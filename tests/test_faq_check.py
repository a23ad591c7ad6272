from pathlib import Path

from bot.cli import main
from bot.core.faq.check import check_knowledge

GOOD = """
- id: {id}
  topic: t
  title: {{nb: "Tittel", en: "Title"}}
  questions:
    nb: [{q}]
    en: ["something in english {id}"]
  answer: {{nb: "Svar {{office_phone}}", en: "Answer"}}
"""


def write(tmp_path: Path, text: str) -> Path:
    faq = tmp_path / "faq"
    faq.mkdir()
    (faq / "x.yaml").write_text(text)
    return tmp_path


def test_clean_knowledge_has_no_problems(tmp_path):
    d = write(tmp_path, GOOD.format(id="a", q="hvor mye koster hybel")
              + GOOD.format(id="b", q="når er treffet for utflyttede"))
    assert check_knowledge(d) == []


def test_each_problem_is_one_line_with_file_and_id(tmp_path):
    text = (GOOD.format(id="a", q="hvor mye koster hybel")
            + GOOD.format(id="a", q="noe helt annet her")
            + "- id: c\n  topic: t\n  title: {nb: T}\n  questions: {nb: [q c]}\n"
              "  answer: {nb: '', en: 'x {price}'}\n  followups: [faq:nope, teleport]\n"
            + GOOD.format(id="d", q="noe helt annet her da"))
    problems = check_knowledge(write(tmp_path, text))
    joined = "\n".join(problems)
    assert "knowledge/faq/x.yaml: a: duplicate id" in joined
    assert "knowledge/faq/x.yaml: c: no phrasings in en" in joined
    assert "knowledge/faq/x.yaml: c: empty or missing answer in nb" in joined
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
