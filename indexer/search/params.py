"""Every weight and threshold of ranking and confidence, in one place, each with its reason.

How they were set: the structural ones (field weights, BM25's k1 and b, the typo distances) are
the usual values of the literature and of Lucene/Elasticsearch, not fitted. The ones marked
*tuned* were chosen on the training questions only (`questions-dev.yml`, `questions-extra.yml`,
`benchmarks/questions/train.yml`, `benchmarks/questions/train-uv.yml`: two knowledge bases, Dutch
and English) and are reported on the validation splits written and frozen before tuning
(`benchmarks/questions/validation*.yml`). None is set per knowledge base.
"""

from __future__ import annotations

# -- BM25F (indexer.search.core) ---------------------------------------------------------------
# Per field (title, breadcrumb, body, table rows, code): weight in the combined term frequency.
# A word in a heading says what the section is about; code is searchable but is not prose.
FIELD_WEIGHTS = (3.0, 1.5, 1.0, 0.7, 0.3)
# Length normalisation b per field: headings are short and barely vary; prose and rows as BM25.
FIELD_B = (0.3, 0.3, 0.75, 0.75, 0.75)
K1 = 1.2  # term-frequency saturation, BM25's usual value

# -- how a question word was matched (indexer.search.engine) ----------------------------------
# The share of a concept's score an alternative gets: the word itself counts in full, the less
# certain a rewrite, the less it counts.
MATCH_WEIGHT = {"exact": 1.0, "lemma": 0.95, "synonym": 0.85, "compound": 0.8, "typo1": 0.8, "typo2": 0.65,
                "prefix": 0.7, "variant": 0.5}
KNOWN = frozenset({"exact", "lemma", "synonym", "compound"})  # ways of matching that are not a guess
# A concept matched only by a guess (typo, prefix) weighs this share of the question: the guess
# may be wrong, so it must not make or break an answer on its own.
GUESSED = 0.6

# -- key concepts (indexer.search.language) ---------------------------------------------------
# Zipf frequency: log10 of a word's occurrences per billion words of the language. Words rarer
# than SPECIFIC_BELOW (`netwerk` 4.9, `firewall` 3.4, `proxmox` 0) are a question's topic in full;
# from there to GENERIC_ABOVE (`gewoon` 5.9, `would` 6.3) they become filler of conversation.
SPECIFIC_BELOW = 5.0  # tuned
GENERIC_ABOVE = 6.2  # tuned
SPECIFICITY_FLOOR = 0.2  # tuned: even filler may be the topic (`uur` in "binnen hoeveel uur")
REAL_WORD = 1.5  # a word this frequent in the site's language is a real word, not a typo (`salarisstrook` 1.7)
COMMON_WORD = 3.0  # the words a typo is checked against: once per million words or more

# -- ranking: BM25F score times the question's covered share to this power, so that a section
# answering all of the question beats one repeating part of it.
COVERAGE_POWER = 1.0  # tuned (2 on the first sample; 1 holds on long questions and on the English site)

# -- re-ranking the best sections (indexer.search.engine) -------------------------------------
RERANK = 40  # sections re-ranked by heading, proximity and table rows
BOOST_TITLE = 0.6  # the question's share named by the section's heading
BOOST_PATH = 1.0  # tuned: ... by its heading path (page title, parent headings): where it sits says what it is about
BOOST_SIMILARITY = 0.4  # the heading reads like the question (FAQ headings are questions)
BOOST_ROW = 0.8  # the question's share in one table row
BOOST_PROXIMITY = 0.9  # the question's words side by side in the section as in the question

# -- confidence: an answer, or "not found" (indexer.search.engine) ----------------------------
TITLE_CONFIDENCE = 0.4  # a heading that names the question makes up this share of what is not covered
CONFIDENCE = 0.55  # tuned: below it, "not found" with suggestions
