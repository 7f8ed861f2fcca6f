"""How the catalogue search reads a query: its words, their stems, and what else each word may mean.

- Stems: Russian words by the Russian Snowball stemmer, all others by the English one, which is
  what PostgreSQL's `russian` text search configuration does (it sends Latin words to
  english_stem), so SQLite and PostgreSQL agree on word forms.
- The vocabulary: skill, specialization and level names in both languages, and the thesaurus
  (Synonym), read once and cached (no query per search), cleared when one of them changes.
- For each word of a query: its synonyms; for a word the vocabulary does not know, the vocabulary
  words it is a likely typo of (difflib's ratio >= TYPO_CUTOFF, words of TYPO_MIN_LENGTH letters or
  more); for the last word (what is being typed), the vocabulary words it begins, from
  PREFIX_MIN_LENGTH letters (shorter beginnings would match most of the catalogue).
"""

import re
import threading
from dataclasses import dataclass, field
from difflib import get_close_matches

import snowballstemmer
from django.core.cache import cache

from vetting.models import Level, Skill, Specialization

from .models import Synonym

TOKEN = re.compile(r"\w+(?:[./+#-]\w+)*[+#]*")
CYRILLIC = re.compile(r"[а-яё]")
MAX_UNITS = 8  # words (or thesaurus phrases) read from one query
PREFIX_MIN_LENGTH = 3
TYPO_MIN_LENGTH = 4
TYPO_CUTOFF = 0.8
MAX_COMPLETIONS = 6
# How a request is phrased, not what it asks for ("ищу переводчика", "need a translator"), and
# the stop words PostgreSQL drops anyway: left out, or every profile would need to contain them.
FILLER = frozenset(
    ["ищу", "ищем", "нужен", "нужна", "нужны", "нужно", "требуется", "срочно", "для", "и", "или", "в",
     "на", "с", "по", "looking", "seeking", "need", "needed", "want", "wanted", "hire", "hiring", "for",
     "a", "an", "the", "and", "or", "of", "in", "on", "with"]
)  # fmt: skip
VOCABULARY_KEY = "profiles:search-vocabulary"
VOCABULARY_TIMEOUT = 300  # seconds; a change in this process clears it at once

_local = threading.local()  # Snowball stemmers keep state while they work: one per thread


def _stemmers() -> dict:
    if not hasattr(_local, "stemmers"):
        _local.stemmers = {lang: snowballstemmer.stemmer(lang) for lang in ("russian", "english")}
    return _local.stemmers


def tokens(text: str) -> list[str]:
    """Lowercased words; compound ones (ui/ux, node.js, frontend-разработчик) as they are."""
    return TOKEN.findall(text.lower())


def stem(word: str) -> str:
    return _stemmers()["russian" if CYRILLIC.search(word) else "english"].stemWord(word.replace("ё", "е"))


def stems(text: str) -> list[str]:
    """Every word's stem; a compound word also as its parts (as PostgreSQL's parser does)."""
    result = []
    for token in tokens(text):
        result.append(stem(token))
        parts = re.findall(r"\w+", token)
        if len(parts) > 1:
            result += [stem(part) for part in parts]
    return result


def stem_phrase(term: str) -> str:
    return " ".join(stem(token) for token in tokens(term))


@dataclass
class Vocabulary:
    words: list[str] = field(default_factory=list)  # known single words, lowercased
    known_stems: set[str] = field(default_factory=set)
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # stemmed term -> the group's terms


def vocabulary() -> Vocabulary:
    value = cache.get(VOCABULARY_KEY)
    if value is None:
        value = _build_vocabulary()
        cache.set(VOCABULARY_KEY, value, VOCABULARY_TIMEOUT)
    return value


def clear_vocabulary(**kwargs) -> None:
    cache.delete(VOCABULARY_KEY)


def _build_vocabulary() -> Vocabulary:
    names = [
        *(n for pair in Skill.objects.values_list("name", "name_ru") for n in pair),
        *(n for pair in Specialization.objects.values_list("name_en", "name_ru") for n in pair),
        *(n for pair in Level.objects.values_list("name_en", "name_ru") for n in pair),
    ]
    synonyms: dict[str, list[str]] = {}
    for group in Synonym.objects.all():
        terms = group.term_list()
        names += terms
        for term in terms:  # a term in two groups means the words of both
            same = synonyms.setdefault(stem_phrase(term), [])
            same += [t for t in terms if t not in same]
    words = sorted({word for name in names for word in re.findall(r"\w+", name.lower()) if len(word) > 1})
    return Vocabulary(words=words, known_stems={stem(w) for w in words}, synonyms=synonyms)


@dataclass
class Unit:
    """One word (or thesaurus phrase) of a query and what it may match: any of `terms` (words or
    phrases, stemmed by the search) or a word beginning with `prefix` (as stored, i.e. a stem)."""

    terms: list[str]
    prefix: str = ""


def read_query(text: str) -> list[Unit]:
    """The query as units, all of which a profile must match (each by any of its alternatives)."""
    vocab = vocabulary()
    words = [word for word in dict.fromkeys(tokens(text)) if word not in FILLER]  # each word once
    units = []
    i = 0
    while i < len(words) and len(units) < MAX_UNITS:
        # A two-word thesaurus phrase ("machine learning") is one unit.
        pair = stem_phrase(" ".join(words[i : i + 2])) if i + 1 < len(words) else ""
        if pair in vocab.synonyms:
            units.append(Unit(terms=vocab.synonyms[pair]))
            i += 2
            continue
        word, last = words[i], i == len(words) - 1
        units.append(_unit(word, vocab, last=last))
        i += 1
    return units


def _unit(word: str, vocab: Vocabulary, *, last: bool) -> Unit:
    key = stem(word)
    terms = [word, *vocab.synonyms.get(key, [])]
    known = key in vocab.known_stems
    if not known and len(word) >= TYPO_MIN_LENGTH:
        for match in get_close_matches(word, vocab.words, n=2, cutoff=TYPO_CUTOFF):
            terms += [match, *vocab.synonyms.get(stem(match), [])]
    prefix = ""
    if last and not known and len(word) >= PREFIX_MIN_LENGTH and re.fullmatch(r"\w+", word):
        prefix = word.replace("ё", "е")
        terms += [w for w in vocab.words if w.startswith(word) and w != word][:MAX_COMPLETIONS]
    return Unit(terms=list(dict.fromkeys(terms)), prefix=prefix)
