"""Personal details taken out of free text before it is stored: :func:`redact`.

What becomes what: national identity numbers (fødselsnummer, d-nummer; 11 digits, with or
without a space after the sixth, whether or not the check digits are right: a mistyped one is
still someone's) ``[fnr]``; bank account numbers (``1234.56.78903``, ``1234 56 78903``, an IBAN)
``[kontonr]``; phone numbers ``[telefon]``; e-mail addresses ``[e-post]``; street addresses with a
number (``Storgata 12B``, ``Kongens gate 5``, ``12 Main Street``, ``вул. Шевченка 5``)
``[adresse]``; a name the person gives (``jeg heter …``, ``eg heiter …``, ``my name is …``,
``мене звати …``, ``я — Олена``, ``hilsen Kari``) ``[navn]``; any other run of more than five
digits ``[tall]``.

Kept as written, because they say nothing about who someone is and the questions need them:
ages and counts (``23 år``, ``3 barn``, ``18-25 år``), dates (``12.03.2027``, ``2027-03-12``) and
amounts of money (``8 000 kr``, ``kr 450000``, ``9000 грн``): a number written as an amount is
never taken for a phone number or ``[tall]`` (an 11-digit one is still an identity number).
Other names (of people mentioned in passing) are not detected: that would need a language
model per language, and the people who write here name themselves when they do.

Libraries: ``phonenumbers`` (the Python port of Google's libphonenumber) knows which Norwegian,
Ukrainian and other countries' numbers exist and how they are written, so it finds ``+46 70 …``
or ``(067) 123-45-67``; our own patterns add the Norwegian shapes it rejects (a number in an
unassigned range or mistyped is still a phone number). ``python-stdnum`` tells a fødselsnummer or
d-nummer from an account number by their check digits when an 11-digit number is written without
spaces. Both are pure Python, ship their data in the wheel and are maintained. Names, addresses
and e-mail addresses have no library that knows Norwegian, nynorsk and Ukrainian forms, hence our
own patterns (Microsoft Presidio and scrubadub need language models fetched at run time).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import phonenumbers
from stdnum.no import fodselsnummer, kontonr

FNR, PHONE, EMAIL, ACCOUNT, ADDRESS, NAME, NUMBER = (
    "[fnr]",
    "[telefon]",
    "[e-post]",
    "[kontonr]",
    "[adresse]",
    "[navn]",
    "[tall]",
)
TAGS = (FNR, PHONE, EMAIL, ACCOUNT, ADDRESS, NAME, NUMBER)

Span = tuple[int, int, str]
Finder = Callable[[str], Iterator[Span]]

_X = re.IGNORECASE | re.VERBOSE

# --- e-mail, account numbers, identity numbers ----------------------------------------------

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_ACCOUNT = re.compile(r"(?<![\d.])\d{4}([ .-])\d{2}\1\d{5}(?!\d)")
_ELEVEN = re.compile(r"(?<![\d.,])\d{6}[ ]?\d{5}(?![\d])")

# --- phone numbers ---------------------------------------------------------------------------

_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)[ ]?\d(?:[ ().-]{0,2}\d){6,14}(?!\d)")
# Eight Norwegian digits as people group them: 412 34 567, 41 23 45 67, 4123 4567, 41234567
# (the same separator throughout, so that "2019-2020" stays a span of years).
_NORWEGIAN = (
    re.compile(r"(?<![\d.,+])[2-9]\d{2}([ .-]?)\d{2}\1\d{3}(?!\d)"),
    re.compile(r"(?<![\d.,+])[2-9]\d([ .-]?)\d{2}\1\d{2}\1\d{2}(?!\d)"),
    re.compile(r"(?<![\d.,+])[4-9]\d{3}[ ]?\d{4}(?!\d)"),
)
_UKRAINIAN = re.compile(r"(?<![\d+])\(?0\d{2}\)?[ -]?\d{3}[ -]?\d{2}[ -]?\d{2}(?!\d)")

# --- what stays: amounts of money and dates --------------------------------------------------

_AMOUNT_NUMBER = r"\d{1,3}(?:[ \u00a0.,]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_CURRENCY_AFTER = r"""kr\b\.?|kroner\b|krone\b|nok\b|,-|€|euro?\b|\$|usd\b|
    грн\.?|гривень|гривні|гривня|гривнях|крон\w*"""
_AMOUNT = re.compile(
    rf"""(?:\b(?:kr|nok|eur|usd)\.?[ \u00a0]?(?:{_AMOUNT_NUMBER}))
      | (?:(?:{_AMOUNT_NUMBER})[ \u00a0]?(?:{_CURRENCY_AFTER}))""",
    _X,
)
_DATE = re.compile(
    r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})(?!\d)"
)

# --- street addresses ------------------------------------------------------------------------

_HOUSE = r"\d{1,4}(?:[A-Za-z]\b|[ ][A-Z]\b)?(?:[ ]?[-/][ ]?\d{1,4})?"
_POSTCODE = r"(?:,?[ ]+\d{4}[ ]+[A-ZÆØÅ][\wæøå-]+)?"
_FLAT = r"(?:,?[ ]+(?:H\d{4}|leil(?:ighet|\.)?[ ]?\w+))?"
# A Norwegian street name written as one word ends in one of these: Storgata, Havnevegen ...
_STREET_END = r"""gata|gaten|gate|veien|vegen|vei|veg|alleen|alléen|allé|plassen|stien|svingen|
    bakken|tunet|ringen|torget|torg|kaia|brygga|bryggen|haugen|åsen|jordet|løkka|stredet|lykkja|
    tråkket|smauet|kleiva"""
_NB_ONE_WORD = re.compile(
    rf"(?<![\w])[^\W\d_][\w-]*?(?:{_STREET_END})[ ]+{_HOUSE}{_FLAT}{_POSTCODE}(?!\w)", _X
)
# ... or as several words: Kongens gate 5, Olav Tryggvasons gate 12, Nedre Slottsgate 3.
_NB_WORDS = re.compile(
    rf"""(?<![\w])(?:[A-ZÆØÅ][\w.'’-]*[ ]+){{1,3}}(?:gate|gata|vei|veien|veg|vegen|allé)
        [ ]+{_HOUSE}{_FLAT}{_POSTCODE}(?!\w)
      | (?<![\w])[^\W\d_]+s[ ]+(?:gate|gata|vei|veien|veg|vegen)
        [ ]+{_HOUSE}{_FLAT}{_POSTCODE}(?!\w)""",
    re.VERBOSE,
)
_EN_ADDRESS = re.compile(
    r"""(?<![\w])\d{1,4}[A-Za-z]?,?[ ]+(?:
        (?:[A-Z][\w'’-]*[ ]+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|
            Dr\.?|Way|Close|Court|Ct\.?|Place|Pl\.?|Square|Sq\.?|Boulevard|Blvd\.?|Terrace|
            Crescent|Gardens|Grove|Row)
      | (?:[a-z][\w'’-]*[ ]+){1,3}(?:street|road|avenue|lane)
    )(?![\w])""",
    re.VERBOSE,
)
_UK_ADDRESS = re.compile(
    r"""(?<![\w])(?:вул(?:иця|иці|ицю)?\.?|просп(?:ект)?\.?|пр-т|пров(?:улок)?\.?|бульв(?:ар)?\.?|
        пл\.|площа|майдан|шосе|узвіз)[ ]*[^\W\d_][\w'’ʼ.-]*(?:[ ]+[^\W\d_][\w'’ʼ.-]*){0,2},?[ ]*
        (?:буд(?:инок)?\.?[ ]*)?\d{1,4}[а-яa-z]?(?:/\d{1,4})?
        (?:,?[ ]*кв(?:артира)?\.?[ ]*\d{1,4})?""",
    _X,
)

# --- names the person gives ------------------------------------------------------------------

_NAME_TRIGGER = re.compile(
    r"""\b(?:jeg[ ]+heter|jeg[ ]+kalles|mitt[ ]+navn[ ]+er|navnet[ ]+mitt[ ]+er|
        eg[ ]+heiter|eg[ ]+heter|mitt[ ]+namn[ ]+er|namnet[ ]+mitt[ ]+er|
        my[ ]+name[ ]+is|my[ ]+name's|i[ ]+am[ ]+called|i'm[ ]+called|
        мене[ ]+звати|мене[ ]+звуть|моє[ ]+ім['’ʼ]?я|моє[ ]+прізвище|меня[ ]+зовут)
        [ ]*[:,—–-]?[ ]*""",
    _X,
)
# A name given after a greeting at the end, or "я — Олена": only a capitalised word counts.
_NAME_CAPITAL_TRIGGER = re.compile(
    r"""(?:\b(?:hilsen|helsing|mvh|med[ ]+vennlig[ ]+hilsen|regards|best[ ]+regards|
        kind[ ]+regards|з[ ]+повагою)[ ]*[,:]?[ ]+
      | (?<![\w])я[ ]*[—–-][ ]*)""",
    _X,
)
_WORD = re.compile(r"[^\W\d_][\w'’ʼ-]*")
# Words that end a name (the rest of the sentence goes on): function words and common verbs.
_NOT_A_NAME = frozenset(
    """og i på fra til med som har er bor jeg meg vi du og men eller fordi trenger lurer vil kan
    skal har hadde ikke også så da nå at en ei et den det de her der hos om for bur eg ikkje kva
    korleis treng lurar har frå til ho han
    and or but from to with who is am are live living need want would like can have has not
    the a an i me my in at on of for so please here there
    і й та а але або з із зі до на у в що як я мені мене маю хочу потрібно живу тут там не
    и или но что как меня мне живу нужно""".split()
)

# --- the rest: long runs of digits -----------------------------------------------------------

_DIGITS = re.compile(r"\d{6,}")


def _eleven(m: re.Match[str]) -> str:
    digits = m.group().replace(" ", "")
    if fodselsnummer.is_valid(digits) or not kontonr.is_valid(digits):
        return FNR  # a mistyped identity number is still someone's
    return ACCOUNT


def _regex(pattern: re.Pattern[str], tag: str | Callable[[re.Match[str]], str]) -> Finder:
    def find(text: str) -> Iterator[Span]:
        for m in pattern.finditer(text):
            yield m.start(), m.end(), tag(m) if callable(tag) else tag

    return find


def _ibans(text: str) -> Iterator[Span]:
    for m in _IBAN.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 8:  # not a run of capitalised words
            yield m.start(), m.end(), ACCOUNT


def _library_phones(text: str) -> Iterator[Span]:
    for region in ("NO", "UA"):
        for m in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID):
            yield m.start, m.end, PHONE


def _names(text: str) -> Iterator[Span]:
    for m in _NAME_TRIGGER.finditer(text):
        if span := _name_after(text, m.end(), capital_only=False):
            yield (*span, NAME)
    for m in _NAME_CAPITAL_TRIGGER.finditer(text):
        if span := _name_after(text, m.end(), capital_only=True):
            yield (*span, NAME)


def _name_after(text: str, pos: int, capital_only: bool) -> tuple[int, int] | None:
    """The name that starts at ``pos``: up to four words joined by single spaces, ending at a
    word that is not a name (``og``, ``and``, ``маю`` ...). The first word counts whatever its
    case (the person said it is their name) unless ``capital_only``; then only capitalised."""
    words: list[re.Match[str]] = []
    while len(words) < 4 and (m := _WORD.match(text, pos)):
        word = m.group()
        capital = word[0].isupper()
        if capital_only and not capital:
            break
        if word.lower() in _NOT_A_NAME and (words or not capital):
            break
        words.append(m)
        if text[m.end() : m.end() + 1] != " ":
            break
        pos = m.end() + 1
    return (words[0].start(), words[-1].end()) if words else None


# Order is precedence: an earlier finder's span wins over a later one that overlaps it.
_FINDERS: tuple[Finder, ...] = (
    _regex(_EMAIL, EMAIL),
    _ibans,
    _regex(_ACCOUNT, ACCOUNT),
    _regex(_ELEVEN, _eleven),
    _regex(_INTERNATIONAL, PHONE),
    *(_regex(rx, PHONE) for rx in _NORWEGIAN),
    _regex(_UKRAINIAN, PHONE),
    _library_phones,
    _regex(_UK_ADDRESS, ADDRESS),
    _regex(_NB_WORDS, ADDRESS),
    _regex(_NB_ONE_WORD, ADDRESS),
    _regex(_EN_ADDRESS, ADDRESS),
    _names,
    _regex(_DIGITS, NUMBER),
)
# Amounts and dates keep their digits from these (not from identity or account numbers).
_NUMBERS_ONLY = frozenset({PHONE, NUMBER})


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def spans(text: str) -> list[Span]:
    """Where the personal details in ``text`` are: (start, end, tag), sorted, not overlapping."""
    kept = [(m.start(), m.end()) for rx in (_AMOUNT, _DATE) for m in rx.finditer(text)]
    chosen: list[Span] = []
    for find in _FINDERS:
        for start, end, tag in find(text):
            if start >= end:
                continue
            if tag in _NUMBERS_ONLY and any(_overlaps((start, end), k) for k in kept):
                continue
            if any(_overlaps((start, end), (s, e)) for s, e, _ in chosen):
                continue
            chosen.append((start, end, tag))
    return sorted(chosen)


def redact(text: str) -> str:
    """``text`` with every personal detail :func:`spans` finds replaced by its tag."""
    if not text or (not any(c.isdigit() or c == "@" for c in text) and not _may_name(text)):
        return text
    out, pos = [], 0
    for start, end, tag in spans(text):
        out.append(text[pos:start])
        out.append(tag)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _may_name(text: str) -> bool:
    return bool(_NAME_TRIGGER.search(text) or _NAME_CAPITAL_TRIGGER.search(text))
