"""The demo's style guide and one article template of its own (beside the built-in ones)."""

import uuid

from ..models import ArticleTemplate, StyleGuide

STYLE_GUIDE = """
<h3>Who we write for</h3>
<p>A customer in the middle of something, who wants to get back to it. Answer first,
explain after.</p>
<h3>How we write</h3>
<ul>
<li>Short sentences: one idea each, 20 words at most.</li>
<li>Start every step with a verb: “Open Billing”, not “You should open Billing”.</li>
<li>Name buttons and menus exactly as the app shows them, in <b>bold</b>.</li>
<li>Say “you”; say “we” for Acme.</li>
<li>Spell out an abbreviation the first time, or add it to the glossary.</li>
</ul>
<h3>Words we use</h3>
<ul>
<li><b>Sign in</b>, not log in. <b>Plan</b>, not subscription tier.</li>
<li><b>Workspace</b> for the account a team shares.</li>
</ul>
"""

ACCEPTED_WORDS = "Acme\nworkspace\nworkspaces\nSAML\nCSV"


def _block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def add_editorial(help_center):
    """The style guide every demo article is written to, and a "Known issue" template."""
    StyleGuide.objects.create(
        title="Acme style guide",
        help_center=help_center,  # rebuilt with it (helpcenter_demo --reset)
        body=STYLE_GUIDE,
        accepted_words=ACCEPTED_WORDS,
    )
    ArticleTemplate.objects.create(
        name="Known issue",
        description="A bug we know about: who it affects, the workaround, when it is fixed.",
        help_center=help_center,
        summary_hint="[What does not work, for whom, and that a workaround exists.]",
        body=[
            _block(
                "callout",
                {
                    "kind": "warning",
                    "title": "",
                    "text": "<p>[Status: investigating, fix planned for …, or fixed on …]</p>",
                },
            ),
            _block("heading", {"text": "Who is affected", "level": "h2", "anchor": ""}),
            _block("paragraph", "<p>[Plans, platforms or versions.]</p>"),
            _block("heading", {"text": "Workaround", "level": "h2", "anchor": ""}),
            _block("steps", [{"title": "[The first thing to do]", "text": ""}]),
            _block("heading", {"text": "Updates", "level": "h2", "anchor": ""}),
            _block("paragraph", "<p>[Dated updates, newest first.]</p>"),
        ],
    )
