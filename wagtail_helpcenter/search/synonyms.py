"""Query expansion with the synonym sets editors manage in the admin."""

from ..models import SynonymSet


def expand(terms):
    """``terms`` plus the words of every synonym of a term or phrase among them.

    A set matches when one of its terms is a query word or, for a phrase, when all its
    words are in the query ("money back" matches "get my money back").
    """
    words = set(terms)
    extra = []
    for synonym_set in SynonymSet.objects.all():
        set_terms = synonym_set.term_list
        if any(set(term.split()) <= words for term in set_terms):
            for term in set_terms:
                for word in term.split():
                    if word not in words and word not in extra:
                        extra.append(word)
    return list(terms) + extra
