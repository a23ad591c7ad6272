"""Text normalisation for matching: Unicode, case, æ/ø/å spellings, synonyms, stop words, stems.

Questions and phrasings go through the same steps, so any quirk of a step is symmetric.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import snowballstemmer

from bot.core.strict_yaml import read_yaml

_WORD = re.compile(r"[^\W_]+")
_ASCII_NORDIC = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))
# Words spelt with aa/ae/oe that are not æ/ø/å written in ASCII (stop words are kept too).
_NATURAL_DIGRAPHS = frozenset(
    """poeng poenget poengene does goes shoes poem poet poetry canoe
israel michael aerial maestro""".split()
)

# Question words and negations are NOT stop words: they tell "what is X" from "who can get X".
STOP_WORDS = frozenset(
    """
og i jeg det at en et den til er som på de med han av
der så var meg seg men ett har om vi min mitt ha hadde hun nå
over da ved fra du ut sin dem oss opp man kan hans eller skal selv
sjøl her alle vil bli ble blitt kunne inn være kom noen noe ville dere deres
kun ja ned skulle denne for deg si sine sitt å meget dette disse ingen din
ditt blir samme sånn inni mellom vår hver vors hvis både bare enn fordi mange også
slik vært være begge siden dykk dykkar dei deira deires deim di då eg ein eit
eitt elles honom hjå ho hoe henne hennar hennes hoss hossen ingi inkje korso kvarhelst me
medan mi mine mykje nokon noka nokor noko nokre si sia sidan so somt somme um
upp vere vore verte vort varte vart seia gjøre gjør får få fått går gå trenger
tror lurer lure a an the and or of to in on at for is are
was were be been do does did i me my we you your it its this
that these those whom can could would should will shall may might must have has had
am yes please hi hello hei hallo tell about there their they them just get got
want need know
""".split()
)


class Normaliser:
    def __init__(self, synonyms: list[list[str]] | None = None):
        self._nb = snowballstemmer.stemmer("norwegian")
        self._en = snowballstemmer.stemmer("english")
        self._cache: dict[str, str] = {}
        self._single: dict[str, str] = {}
        # Multi-word variants by their first word, longest first.
        self._multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for group in synonyms or []:
            canonical = " ".join(self.words(group[0]))
            for variant in group:
                words = tuple(self.words(variant))
                if len(words) == 1:
                    self._single.setdefault(words[0], canonical)
                elif words:
                    self._multi.setdefault(words[0], []).append((words, canonical))
        for phrases in self._multi.values():
            phrases.sort(key=lambda m: -len(m[0]))

    @classmethod
    def from_file(cls, path: Path | None) -> Normaliser:
        if path is None or not path.exists():
            return cls()
        data = read_yaml(path) or {}
        groups = [[str(w) for w in g] for g in data.get("groups") or [] if g]
        return cls(groups)

    @staticmethod
    def words(text: str) -> list[str]:
        """NFKC, casefold, punctuation away, ASCII spellings of æ/ø/å folded."""
        text = unicodedata.normalize("NFKC", text).casefold()
        out = []
        for word in _WORD.findall(text):
            if word not in STOP_WORDS and word not in _NATURAL_DIGRAPHS:  # "noe", "does"
                for ascii_form, letter in _ASCII_NORDIC:
                    word = word.replace(ascii_form, letter)
            out.append(word)
        return out

    def _synonyms(self, words: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(words):
            for phrase, canonical in self._multi.get(words[i], ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    out.extend(canonical.split())
                    i += len(phrase)
                    break
            else:
                out.extend(self._single.get(words[i], words[i]).split())
                i += 1
        return out

    def stem(self, word: str) -> str:
        if (cached := self._cache.get(word)) is None:
            cached = self._en.stemWord(self._nb.stemWord(word))
            self._cache[word] = cached
        return cached

    def tokens(self, text: str, keep_stop_only: bool = True) -> list[str]:
        """Stems of the meaningful words. A text of stop words only keeps them when
        ``keep_stop_only`` (a question "hva?" must still be something; a phrasing not)."""
        words = self._synonyms(self.words(text))
        kept = [w for w in words if w not in STOP_WORDS]
        if not kept and keep_stop_only:
            kept = words
        return [self.stem(w) for w in kept]

    def content_words(self, text: str) -> list[str]:
        """The words of :meth:`tokens` before stemming (for spelling similarity)."""
        words = self._synonyms(self.words(text))
        return [w for w in words if w not in STOP_WORDS] or words
