from .caching import CacheGeneration
from .deflection import ContactRequest, ContentGap, FunnelDay
from .editorial import ArticleTemplate, StyleGuide
from .feedback import PageViewDay, Vote
from .glossary import GlossaryTerm
from .imports import ImportedPage
from .mixins import AudienceMixin, HelpCenterContextMixin
from .pages import (
    ArticlePage,
    ArticlePageTag,
    ArticleRelatedLink,
    CategoryPage,
    FAQItem,
    FAQPage,
    HelpCenterPage,
)
from .passages import Passage, QuickAnswerVote
from .requests import ContentRequest
from .search_terms import SearchTermDay
from .synonyms import SynonymSet

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "ArticleTemplate",
    "ArticleRelatedLink",
    "AudienceMixin",
    "CacheGeneration",
    "CategoryPage",
    "ContactRequest",
    "ContentRequest",
    "ContentGap",
    "FAQItem",
    "FAQPage",
    "FunnelDay",
    "GlossaryTerm",
    "HelpCenterContextMixin",
    "HelpCenterPage",
    "ImportedPage",
    "PageViewDay",
    "Passage",
    "QuickAnswerVote",
    "SearchTermDay",
    "StyleGuide",
    "SynonymSet",
    "Vote",
]
