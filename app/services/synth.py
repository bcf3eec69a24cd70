"""Synthetic knowledge bases of any size, for benchmarks and scale tests: ``peacekb synth --claims N``.

The output is NDJSON that ``peacekb import`` (and ``POST /bulk``) reads: one upsert a line, parents before
the records that refer to them. The same seed gives the same bytes.

Proportions, per million claims (each scales with N; the small kinds grow with √N, as a vocabulary does):

- 125,000 sources (one per 8 claims: a wire report or statement yields a handful of checkable claims; the
  curated seed, read closely, has 55 a source), 1,700–3,000 characters each, long enough to hold their quotes;
- 4,000 actors (the seed's 56 real ones first, then people and bodies) and 100 issues (the seed's 17 first),
  mentioned with a Zipf distribution: a few actors are in most claims, most in very few;
- 200 plans with 15 points each; 25,000 events; 10,000 positions; 100,000 claim relations.

Text draws on the vocabulary of the seed documents, ranked by their own word frequencies and continued by a
long tail of rarer words made from their syllables, sampled with a Zipf–Mandelbrot law (exponent 1.07), as
natural text is: "the" and "peace" are everywhere, a tail word occurs a few dozen times in a million claims.
So full-text search meets both common and rare terms. Every claim quotes a contiguous run of words cut out of
its source's text, and gives the offsets it was cut at: ``text[quote_start:quote_end] == quote``.

Records come in stories — an event, the sources reporting it, their claims, relations between those claims and
positions they back — so that what refers to what lands close together in the file, as in a real feed.
"""

import bisect
import itertools
import math
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import orjson
import yaml

from app.package_data import SEED_DIR
from app.services.seeding import parents_first_rows

ZIPF_EXPONENT = 1.07
ZIPF_OFFSET = 2.7  # Mandelbrot's shift: the very top ranks are less dominant than a pure power law

CLAIMS_PER_SOURCE = 8
CLAIMS_PER_EVENT = 40
CLAIMS_PER_POSITION = 100
CLAIMS_PER_RELATION = 10
POINTS_PER_PLAN = 15

SOURCE_KINDS = (("news_article", 60), ("official_statement", 12), ("press_release", 8), ("blog_post", 8),
                ("transcript", 6), ("report", 5), ("other", 1))  # fmt: skip
RELIABILITY = (("A", 5), ("B", 25), ("C", 35), ("D", 15), ("E", 5), ("F", 15))
RELIABILITY_NOTES = {
    "A": "Primary record, confirmed by independent outlets.",
    "B": "Established outlet with a record of corrections.",
    "C": "Plausible and internally consistent; sourcing not shown.",
    "D": "Partisan outlet; claims often unconfirmed.",
    "E": "Contradicts itself and better-sourced reports.",
    "F": "No basis to judge: unknown outlet.",
}
CREDIBILITY = ((1, 10), (2, 30), (3, 30), (4, 15), (5, 5), (6, 10))
PUBLISHERS = ("Reuters", "AP", "AFP", "Kyiv Independent", "Ukrainska Pravda", "TASS", "RIA Novosti", "BBC", "Meduza",
              "Politico Europe", "Interfax-Ukraine", "The Guardian", "Le Monde", "Deutsche Welle")  # fmt: skip
VERBS = ("says", "claims", "reports", "denies", "warns", "insists", "confirms", "suggests", "rejects", "expects")
UNITS = (("percent", "share of {} under control"), ("km", "length of the line of contact near {}"),
         ("people", "people evacuated from {}"), ("days", "days of ceasefire proposed for {}"),
         ("usd-billion", "reconstruction funds pledged for {}"))  # fmt: skip
RELATION_TYPES = (("supports", 50), ("contradicts", 35), ("updates", 15))
EVENT_KINDS = ("strike", "attack", "capture", "withdrawal", "call", "meeting", "talks", "press_conference",
               "announcement", "statement", "evacuation", "other")  # fmt: skip
PLAN_STATUSES = ("draft", "proposed", "under_negotiation", "superseded", "accepted", "rejected")
CATEGORIES = ("security_guarantees", "territory", "ceasefire", "economy", "humanitarian", "governance", "military",
              "nuclear", "verification", "diplomacy", "other")  # fmt: skip
STANCES = ("supports", "opposes", "conditional", "unclear")
FIRST_NAMES = ("Olena", "Andriy", "Mykola", "Iryna", "Taras", "Oksana", "Dmytro", "Yulia", "Serhiy", "Natalia",
               "Sergei", "Anna", "Alexei", "Marina", "Igor", "John", "Sarah", "Michael", "Emma", "Pierre", "Ursula",
               "Klaus", "Maria", "Tomasz", "Katarzyna", "Giorgio", "Ana", "Lars", "Ingrid", "Viktor")  # fmt: skip
ORG_WORDS = ("Council", "Commission", "Committee", "Agency", "Mission", "Office", "Ministry", "Task Force",
             "Working Group", "Foundation", "Institute", "Battalion", "Brigade", "Directorate")  # fmt: skip

WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True)
class Scale:
    """How many records of each kind a knowledge base of ``claims`` claims holds."""

    claims: int

    @property
    def sources(self) -> int:
        return max(1, math.ceil(self.claims / CLAIMS_PER_SOURCE))

    @property
    def actors(self) -> int:
        return max(60, round(4 * math.sqrt(self.claims)))

    @property
    def issues(self) -> int:
        return max(17, round(math.sqrt(self.claims) / 10))

    @property
    def plans(self) -> int:
        return max(3, round(math.sqrt(self.claims) / 5))


class Vocabulary:
    """Words ranked by frequency, drawn with a Zipf–Mandelbrot law."""

    def __init__(self, rnd: random.Random, texts: list[str], tail: int):
        counts = Counter(word for text in texts for word in WORD.findall(text))
        # Keep each word's commonest spelling; lowercase function words, keep names capitalised.
        ranked = [word for word, _ in counts.most_common()]
        self.words = ranked + self._tail_words(rnd, ranked, tail)
        weights = [1 / (rank + ZIPF_OFFSET) ** ZIPF_EXPONENT for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.rnd = rnd

    @staticmethod
    def _tail_words(rnd: random.Random, ranked: list[str], count: int) -> list[str]:
        """Rarer words in the look of the seed's own: place and family names made from its syllables."""
        syllables = sorted({w[i : i + 3].lower() for w in ranked if len(w) > 5 for i in range(0, len(w) - 2, 3)})
        endings = ("ivka", "ove", "ske", "enko", "yuk", "sk", "ets", "ino", "iv", "ytsia")
        known = set(ranked)
        words: list[str] = []
        while len(words) < count:
            word = "".join(rnd.choice(syllables) for _ in range(rnd.randint(1, 2))) + rnd.choice(endings)
            word = word.capitalize()
            if word not in known and WORD.fullmatch(word):
                known.add(word)
                words.append(word)
        return words

    def draw(self, count: int) -> list[str]:
        return self.rnd.choices(self.words, cum_weights=self.cumulative, k=count)

    def sentence(self, low: int, high: int) -> str:
        words = self.draw(self.rnd.randint(low, high))
        return " ".join(words)[:1].upper() + " ".join(words)[1:] + "."


def slugify(text: str, limit: int = 6) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()[:limit]
    return "-".join(words) or "x"


def _weighted(rnd: random.Random, table: tuple) -> object:
    values, weights = zip(*table, strict=True)
    return rnd.choices(values, weights=weights)[0]


class Synthesizer:
    def __init__(self, claims: int, seed: int = 0, seed_dir: Path = SEED_DIR):
        self.scale = Scale(claims)
        self.rnd = random.Random(seed)
        texts = [path.read_text(encoding="utf-8") for path in sorted((seed_dir / "documents").glob("*.txt"))]
        if not texts:
            raise ValueError(f"no seed documents in {seed_dir / 'documents'} to draw the vocabulary from")
        self.vocab = Vocabulary(self.rnd, texts, tail=max(2_000, claims // 25))
        self.seed_dir = seed_dir
        self.serial = itertools.count(1)

    def _id(self, text: str) -> str:
        """A readable slug, unique by its base-36 serial."""
        return f"{slugify(text)}-{_base36(next(self.serial))}"

    def lines(self) -> Iterator[bytes]:
        """The knowledge base as NDJSON lines, parents first."""
        rnd = self.rnd
        issues = self._issues()
        yield from (_line("issue", issue) for issue in issues)
        actors = self._actors()
        yield from (_line("actor", actor) for actor in actors)
        self.actor_ids = [a["id"] for a in actors]
        self.actor_names = {a["id"]: a["name"] for a in actors}
        self.actor_cumulative = _zipf_cumulative(len(actors))
        self.issue_ids = [i["id"] for i in issues]
        self.issue_cumulative = _zipf_cumulative(len(issues))
        self.point_ids: list[str] = []
        self.plan_ids: list[str] = []
        for plan, points in self._plans():
            yield _line("plan", plan)
            yield from (_line("plan_point", point) for point in points)
        made = 0
        previous: list[str] = []
        day = 0
        while made < self.scale.claims:
            story = self._story(made, previous, day)
            yield from story.lines
            made += story.claims
            previous = story.claim_ids or previous
            day += rnd.random() < 0.02  # about 500 days over a million claims

    # ---- the kinds made once ----------------------------------------------------------------------------

    def _seed_records(self, name: str) -> list[dict]:
        loaded = yaml.safe_load((self.seed_dir / f"{name}.yaml").read_text(encoding="utf-8"))
        return [record for section in loaded.values() for record in section]

    def _issues(self) -> list[dict]:
        issues = [
            {k: v for k, v in i.items() if k in ("id", "name", "description")} for i in self._seed_records("issues")
        ]
        while len(issues) < self.scale.issues:
            name = " ".join(self.vocab.draw(self.rnd.randint(2, 4))).capitalize()
            issues.append({"id": self._id(name), "name": name, "description": self.vocab.sentence(8, 20)})
        return issues[: max(self.scale.issues, 17)]

    def _actors(self) -> list[dict]:
        fields = ("id", "name", "kind", "description", "affiliation_id", "aliases")
        actors = parents_first_rows([{k: a[k] for k in fields if k in a} for a in self._seed_records("actors")],
                               "affiliation_id")  # fmt: skip
        bodies = [a["id"] for a in actors if a["kind"] in ("state", "organisation", "body")]
        rnd = self.rnd
        while len(actors) < self.scale.actors:
            if rnd.random() < 0.7:
                surname = self.vocab.words[len(self.vocab.words) - 1 - rnd.randrange(len(self.vocab.words) // 2)]
                name = f"{rnd.choice(FIRST_NAMES)} {surname}"
                actor = {"id": self._id(name), "name": name, "kind": "person", "aliases": [surname]}
                if rnd.random() < 0.8:
                    actor["affiliation_id"] = bodies[min(len(bodies) - 1, int(rnd.paretovariate(1.2)) - 1)]
            else:
                name = f"{self.vocab.draw(1)[0].capitalize()} {rnd.choice(ORG_WORDS)}"
                actor = {"id": self._id(name), "name": name, "kind": rnd.choice(("organisation", "body", "group"))}
                actor["description"] = self.vocab.sentence(6, 14)
            actors.append(actor)
        return actors

    def _plans(self) -> Iterator[tuple[dict, list[dict]]]:
        rnd = self.rnd
        for n in range(self.scale.plans):
            name = f"{rnd.randint(5, 30)}-point {' '.join(self.vocab.draw(2))} plan"
            plan = {
                "id": self._id(name),
                "name": name,
                "status": rnd.choice(PLAN_STATUSES),
                "announced_on": (date(2025, 1, 1) + timedelta(days=rnd.randrange(540))).isoformat(),
                "description": self.vocab.sentence(10, 24),
                "proposer_ids": sorted({self._actor() for _ in range(rnd.randint(1, 2))}),
            }
            if n and rnd.random() < 0.3:
                plan["supersedes_id"] = self.plan_ids[-1]
            self.plan_ids.append(plan["id"])
            points = []
            for sequence in range(1, rnd.randint(POINTS_PER_PLAN // 3, POINTS_PER_PLAN * 5 // 3) + 1):
                text = self.vocab.sentence(8, 22)
                point = {"id": self._id(text), "plan_id": plan["id"], "ordinal": sequence, "sequence": sequence,
                         "text": text, "category": rnd.choice(CATEGORIES),
                         "issue_ids": sorted({self._issue() for _ in range(rnd.randint(0, 2))})}  # fmt: skip
                if points and rnd.random() < 0.2:
                    point["parent_id"] = rnd.choice(points)["id"]
                points.append(point)
            self.point_ids.extend(p["id"] for p in points)
            yield plan, points

    def _actor(self) -> str:
        return self.actor_ids[bisect.bisect(self.actor_cumulative, self.rnd.random() * self.actor_cumulative[-1])]

    def _issue(self) -> str:
        return self.issue_ids[bisect.bisect(self.issue_cumulative, self.rnd.random() * self.issue_cumulative[-1])]

    # ---- stories ----------------------------------------------------------------------------------------

    def _story(self, made: int, previous: list[str], day: int) -> "_Story":
        rnd, vocab = self.rnd, self.vocab
        story = _Story()
        on = date(2025, 1, 1) + timedelta(days=day)
        event_id = None
        sources_in_story = rnd.choice((1, 1, 2, 2, 3))
        if rnd.random() < sources_in_story * CLAIMS_PER_SOURCE / CLAIMS_PER_EVENT:
            title = vocab.sentence(4, 9).rstrip(".")
            event_id = self._id(title)
            story.add("event", {"id": event_id, "title": title, "kind": rnd.choice(EVENT_KINDS),
                                "occurred_on": on.isoformat(), "location": f"{vocab.draw(1)[0].capitalize()}",
                                "description": vocab.sentence(8, 20),
                                "actor_ids": sorted({self._actor() for _ in range(rnd.randint(1, 3))})})  # fmt: skip
        for _ in range(sources_in_story):
            if made + story.claims >= self.scale.claims:
                break
            count = min(self.scale.claims - made - story.claims, max(1, round(rnd.gauss(CLAIMS_PER_SOURCE, 3))))
            self._source(story, count, on, event_id)
        for _ in range(_rounded(rnd, story.claims / CLAIMS_PER_RELATION)):
            self._relation(story, previous)
        for _ in range(_rounded(rnd, story.claims / CLAIMS_PER_POSITION)):
            self._position(story)
        return story

    def _source(self, story: "_Story", claims: int, on: date, event_id: str | None) -> None:
        rnd, vocab = self.rnd, self.vocab
        sentences = [vocab.draw(rnd.randint(8, 26)) for _ in range(max(claims + 4, rnd.randint(14, 26)))]
        texts, starts, offset = [], [], 0
        for n, words in enumerate(sentences):
            sentence = " ".join(words)
            sentence = sentence[:1].upper() + sentence[1:] + "."
            separator = "" if n == 0 else ("\n\n" if n % 4 == 0 else " ")
            offset += len(separator)
            texts.append(separator + sentence)
            starts.append(offset)
            offset += len(sentence)
        text = "".join(texts)
        title = vocab.sentence(6, 12).rstrip(".")
        reliability = _weighted(rnd, RELIABILITY)
        published = on + timedelta(days=rnd.randint(0, 2))
        source_id = self._id(title)
        source = {"id": source_id, "title": title, "kind": _weighted(rnd, SOURCE_KINDS),
                  "publisher": rnd.choice(PUBLISHERS), "published_on": published.isoformat(),
                  "url": f"https://news.example/{source_id}", "reliability": reliability,
                  "reliability_note": RELIABILITY_NOTES[reliability], "text": text}  # fmt: skip
        if rnd.random() < 0.3:
            source["attributed_to"] = self.actor_names[self._actor()]
        story.add("source", source)
        for index in rnd.sample(range(len(sentences)), claims):
            self._claim(story, source_id, sentences[index], starts[index], text, published, event_id)

    def _claim(self, story, source_id, words, sentence_start, text, published, event_id) -> None:
        rnd, vocab = self.rnd, self.vocab
        length = min(len(words), rnd.randint(5, 14))
        first = rnd.randint(0, len(words) - length)
        start = sentence_start + len(" ".join(words[:first])) + (1 if first else 0)
        end = start + len(" ".join(words[first : first + length]))
        speaker = self._actor() if rnd.random() < 0.7 else None
        about = sorted({self._actor() for _ in range(rnd.randint(1, 3))})
        subject = self.actor_names[speaker or about[0]]
        statement = f"{subject} {rnd.choice(VERBS)} {' '.join(vocab.draw(rnd.randint(6, 16)))}."
        claim = {"id": self._id(statement), "statement": statement, "source_id": source_id,
                 "quote": text[start:end], "quote_start": start, "quote_end": end,
                 "credibility": _weighted(rnd, CREDIBILITY), "actor_ids": about,
                 "issue_ids": sorted({self._issue() for _ in range(rnd.choice((0, 1, 1, 1, 2)))})}  # fmt: skip
        if speaker:
            claim["speaker_id"] = speaker
            if rnd.random() < 0.4:
                claim["attribution"] = subject
        if rnd.random() < 0.85:
            claim["stated_on"] = (published - timedelta(days=rnd.randint(0, 3))).isoformat()
        if rnd.random() < 0.08:
            unit, measure = rnd.choice(UNITS)
            claim |= {"value": round(rnd.lognormvariate(3, 1.5), 1), "unit": unit,
                      "measure": measure.format(vocab.draw(1)[0])}  # fmt: skip
        if rnd.random() < 0.2:
            claim["credibility_note"] = vocab.sentence(5, 12)
        if rnd.random() < 0.1:
            claim["plan_point_ids"] = [rnd.choice(self.point_ids)]
        if event_id and rnd.random() < 0.4:
            claim["event_ids"] = [event_id]
        story.add("claim", claim)
        story.claim_ids.append(claim["id"])

    def _relation(self, story: "_Story", previous: list[str]) -> None:
        rnd = self.rnd
        if len(story.claim_ids) < 2 and not previous:
            return
        own = rnd.choice(story.claim_ids)
        pool = previous if (rnd.random() < 0.1 and previous) or len(story.claim_ids) < 2 else story.claim_ids
        other = rnd.choice(pool)
        kind = _weighted(rnd, RELATION_TYPES)
        if other == own or (kind, other, own) in story.relations:
            return
        story.relations.add((kind, other, own))
        rationale = self.vocab.sentence(6, 14)
        story.add("claim_relation", {"id": self._id(rationale), "type": kind, "from_claim_id": other,
                                     "to_claim_id": own, "rationale": rationale})  # fmt: skip

    def _position(self, story: "_Story") -> None:
        rnd = self.rnd
        summary = self.vocab.sentence(6, 16)
        backing = rnd.sample(story.claim_ids, min(len(story.claim_ids), rnd.randint(1, 3)))
        position = {"id": self._id(summary), "actor_id": self._actor(), "stance": rnd.choice(STANCES),
                    "summary": summary, "claim_ids": sorted(backing)}  # fmt: skip
        target = rnd.random()
        if target < 0.6:
            position["issue_id"] = self._issue()
        elif target < 0.8:
            position["plan_id"] = rnd.choice(self.plan_ids)
        else:
            position["plan_point_id"] = rnd.choice(self.point_ids)
        story.add("position", position)


class _Story:
    def __init__(self):
        self.lines: list[bytes] = []
        self.claim_ids: list[str] = []
        self.relations: set[tuple[str, str, str]] = set()

    @property
    def claims(self) -> int:
        return len(self.claim_ids)

    def add(self, kind: str, data: dict) -> None:
        self.lines.append(_line(kind, data))


def _line(kind: str, data: dict) -> bytes:
    return orjson.dumps({"op": "upsert", "kind": kind, "data": data}) + b"\n"


def _zipf_cumulative(count: int) -> list[float]:
    return list(itertools.accumulate(1 / (rank + ZIPF_OFFSET) ** ZIPF_EXPONENT for rank in range(count)))


def _rounded(rnd: random.Random, expected: float) -> int:
    """An integer with the given expectation: the fraction decides by chance."""
    whole = int(expected)
    return whole + (rnd.random() < expected - whole)


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, remainder = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[remainder] + digits
        if not number:
            return digits


def synthesize(claims: int, *, seed: int = 0) -> Iterator[bytes]:
    """The NDJSON lines of a synthetic knowledge base with ``claims`` claims."""
    return Synthesizer(claims, seed).lines()
