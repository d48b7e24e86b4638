"""The attribution analysis's words, from a rule set's lexicon (att.toml's [words] tables), made
into sets and phrase matchers once per rule set (Lexicon.derived)."""
from __future__ import annotations

from ..model import Lexicon
from .phrases import PhraseMatcher


def agentless_phrases(lexicon: Lexicon) -> list[str]:
    """"it is (widely) believed", "is widely seen", "is said to": the lexicon's verbs in the
    passive's grammar, and its agentless cues as they are ("reportedly")."""
    return (
        [f"it {aux} {adv} {verb}".replace("  ", " ")
         for aux in ("is", "was", "has been", "had been", "is being", "is now", "has long been")
         for adv in ("", "widely", "generally", "commonly", "often", "increasingly", "also")
         for verb in lexicon.phrases("agentless-it-verbs")]
        + [f"{be} {adv} {verb}" for be in ("is", "are", "was", "were", "has been", "have been", "had been")
           for adv in ("widely", "generally", "commonly", "broadly", "largely", "increasingly", "often")
           for verb in lexicon.phrases("agentless-passive-verbs")]
        + [f"{be} {verb} to" for be in ("is", "are", "was", "were") for verb in lexicon.phrases("agentless-to-verbs")]
        + list(lexicon.phrases("agentless-cues"))
    )


class Words:
    """One attribute per list the analysis reads; see rules/att.toml for what each holds."""

    def __init__(self, lexicon: Lexicon):
        words = lexicon.words
        self.speech = words("reporting-verbs")
        self.cognition = words("cognition-verbs")
        self.stance = words("stance-verbs")
        self.cue_verbs = self.speech | self.cognition | self.stance | words("speaker-verbs")
        self.participles = frozenset(w for w in self.cue_verbs if w.endswith("ing"))
        self.listener = words("listener-verbs")
        self.inverting = words("inverting-verbs")
        self.speaker_verbs = words("speaker-verbs")
        self.group_verbs = words("group-verbs")
        self.feelings = words("feelings")
        self.experiencer_verbs = words("experiencer-verbs")
        self.vague_heads = words("vague-heads")
        self.unowned_heads = words("unowned-heads")
        self.anonymous_heads = words("anonymous-heads")
        self.document_heads = words("document-heads")
        self.source_nouns = words("source-nouns")
        self.org_words = words("org-words")
        self.titles = words("name-titles")
        self.title_heads = words("title-heads")
        self.role_heads = words("role-heads")
        self.claim_nouns = words("claim-nouns")
        self.speech_nouns = words("speech-nouns")
        self.nationalities = words("nationalities")
        self.parties = words("party-words")
        self.places = frozenset(place.lower() for place in lexicon.phrases("places"))
        self.cue_tails: dict[str, list[tuple[str, ...]]] = {}  # by first word, in the list's order
        for tail in lexicon.phrases("cue-tails"):
            tail_words = tuple(tail.lower().split())
            self.cue_tails.setdefault(tail_words[0], []).append(tail_words)
        self.according = PhraseMatcher(lexicon.phrases("according-cues"))
        self.agentless = PhraseMatcher(agentless_phrases(lexicon))
        self.agentless_as = words("agentless-as-verbs")
        self.verbs = self.cue_verbs | self.agentless_as  # the words verb_relation looks at
        self.reactions = words("reaction-nouns")
        self.publishing = words("publishing-verbs")
        self.published = words("published-nouns")
        # A sentence holding none of these words holds no relation the verbs, nouns and phrases
        # could find; most sentences are passed over by this one set test.
        self.screen = (self.verbs | self.group_verbs | self.publishing | self.feelings | self.experiencer_verbs | self.reactions
                       | self.claim_nouns | self.according.longest_words | self.agentless.longest_words
                       | self.source_nouns | {"according", "some", "many", "most", "several", "few", "various",
                                              "numerous", "all", "other", "others", "number"})

    def is_place(self, name: str) -> bool:
        """A place or a nationality, not a source: "Paris", "New Hampshire", "American"."""
        words = [w.lower().strip(".,") for w in name.split()]
        return " ".join(words) in self.places or bool(words) and all(
            w.replace("'s", "") in self.nationalities for w in words)


def words_of(lexicon: Lexicon) -> Words:
    return lexicon.derived(Words)
