from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Config
from bot.core.faq.check import check_knowledge
from bot.core.faq.knowledge import KnowledgeError, load_knowledge

PLACEHOLDERS = Config().knowledge_placeholders()

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
    assert check_knowledge(d, placeholders=PLACEHOLDERS) == []


def test_each_problem_is_one_line_with_file_and_id(tmp_path):
    text = (
        GOOD.format(id="a", q="hvor mye koster hybel")
        + GOOD.format(id="a", q="noe helt annet her")
        + "- id: c\n  topic: t\n  title: {nb: T}\n  questions: {nb: [q c]}\n"
        "  answer: {nb: '', en: 'x {price}'}\n"
        "  followups: [faq:nope, teleport, dialog:nope, menu, subscribe:news]\n"
        + GOOD.format(id="d", q="noe helt annet her da")
    )
    problems = check_knowledge(write(tmp_path, text), placeholders=PLACEHOLDERS, dialogs={"foyer"})
    joined = "\n".join(problems)
    assert "knowledge/faq/x.yaml: a: duplicate id" in joined
    assert "knowledge/faq/x.yaml: c: no phrasings in en" in joined
    assert "knowledge/faq/x.yaml: c: empty or missing answer in nb" in joined
    assert "knowledge/faq/x.yaml: c: empty or missing answer in uk" in joined
    assert "knowledge/faq/x.yaml: c: missing title in nn" in joined
    assert "knowledge/faq/x.yaml: c: unknown placeholder {price}" in joined
    usage = "staff, dialog:<id>, faq:<id>, subscribe:meetup or subscribe:tips"
    assert "x.yaml: c: followup 'faq:nope': there is no FAQ entry 'nope'" in joined
    assert f"x.yaml: c: followup 'teleport': unknown (use {usage})" in joined
    assert "x.yaml: c: followup 'dialog:nope': there is no dialog 'nope'" in joined
    assert f"x.yaml: c: followup 'menu': not offered here (use {usage})" in joined
    assert "x.yaml: c: followup 'subscribe:news': use subscribe:meetup or subscribe:tips" in joined
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


@pytest.mark.parametrize("word", ["yes", "no", "on", "Off"])
def test_a_bare_yaml11_boolean_in_knowledge_is_refused_with_file_and_line(tmp_path, word):
    text = GOOD.format(id="a", q="hvor mye koster hybel") + f"  source: {word}\n"
    d = write(tmp_path, text)
    line = len(text.splitlines())
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(d / "faq")
    assert err.value.problems == [
        f"knowledge/faq/x.yaml: line {line}: bare {word} is a yes/no value to some YAML "
        f'readers and text to others: write "{word}" in quotes for the text, or true/false'
    ]
    assert check_knowledge(d, placeholders=PLACEHOLDERS)[0] == err.value.problems[0]


def test_a_duplicate_key_in_knowledge_is_refused_with_file_and_line(tmp_path):
    text = GOOD.format(id="a", q="hvor mye koster hybel") + "  topic: t2\n"
    d = write(tmp_path, text)
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(d / "faq")
    line = len(text.splitlines())
    assert err.value.problems == [
        f"knowledge/faq/x.yaml: line {line}: duplicate key 'topic' (a key may appear once)"
    ]


def test_a_quoted_yes_and_true_false_are_read(tmp_path):
    text = GOOD.format(id="a", q="'yes'") + "  source: 'no'\n"
    entry = load_knowledge(write(tmp_path, text) / "faq").entries["a"]
    assert entry.questions["nb"] == ["yes"] and entry.source == "no"


def test_a_broken_synonyms_file_is_one_line_of_the_check(tmp_path):
    d = write(tmp_path, GOOD.format(id="a", q="hvor mye koster hybel"))
    (d / "synonyms.yaml").write_text("groups:\n  - [husleie, leie]\ngroups: []\n")
    [problem] = check_knowledge(d, placeholders=PLACEHOLDERS)
    assert problem == (
        f"{d.name}/synonyms.yaml: line 3: duplicate key 'groups' (a key may appear once)"
    )


def test_the_loader_refuses_a_follow_up_it_cannot_read(tmp_path):
    """Not only `boligbot check`: the bot (and /reload) refuses it too, with the same line."""
    text = GOOD.format(id="a", q="hvor mye koster hybel") + "  followups: [staff, faq]\n"
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(write(tmp_path, text) / "faq")
    assert err.value.problems == [
        "knowledge/faq/x.yaml: a: followup 'faq': needs an id, e.g. faq:<id>"
    ]


def test_placeholders_are_the_configs(tmp_path):
    """Every value the config gives a text is a known placeholder; nothing else is."""
    names = [*sorted(Config().content_variables()), "meetup_info"]
    answer = " ".join(f"{{{n}}}" for n in names)
    text = GOOD.format(id="a", q="hvor mye koster hybel").replace("Svar {office_phone}", answer)
    d = write(tmp_path, text)
    assert check_knowledge(d, placeholders=PLACEHOLDERS) == []
    assert check_knowledge(d, placeholders=PLACEHOLDERS - {"rooms"}) == [
        "knowledge/faq/x.yaml: a: unknown placeholder {rooms}"
    ]
