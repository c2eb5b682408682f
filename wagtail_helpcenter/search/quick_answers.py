"""Quick answers: the passage that answers a question, shown above the results.

Always a passage's own words (never generated text), from a page the visitor may read
(semantic matches are checked against the same candidates as every result), linked to the
section it comes from. Shown when its similarity to the question reaches
``QUICK_ANSWER_MIN_SCORE``, measured on the relevance benchmark.
"""

from dataclasses import dataclass

from ..conf import get_config

MAX_ANSWER_WORDS = 90


@dataclass
class QuickAnswer:
    title: str  # the article's title or the FAQ question
    section: str  # the heading the passage sits under ("" for the introduction)
    text: str
    url: str  # the page, with the section's #anchor
    page_id: int
    anchor: str
    score: float
    other_language: bool = False

    def as_json(self):
        return {
            "title": self.title,
            "section": self.section,
            "text": self.text,
            "url": self.url,
            "page": self.page_id,
            "anchor": self.anchor,
            "other_language": self.other_language,
        }


def excerpt(text, words=MAX_ANSWER_WORDS):
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + " …"


def quick_answer(request, match):
    """The QuickAnswer for the best semantic match, or None below the threshold."""
    threshold = get_config()["QUICK_ANSWER_MIN_SCORE"]
    if threshold is None or match.score < threshold or not match.passage.text.strip():
        return None
    passage = match.passage
    page = match.obj.page if match.kind == "faq" else match.obj
    title = match.obj.question if match.kind == "faq" else page.title
    url = page.get_url(request)
    if passage.anchor:
        url = f"{url}#{passage.anchor}"
    return QuickAnswer(
        title=title,
        section=passage.heading,
        text=excerpt(passage.text),
        url=url,
        page_id=page.pk,
        anchor=passage.anchor,
        score=match.score,
        other_language=match.other_language,
    )
