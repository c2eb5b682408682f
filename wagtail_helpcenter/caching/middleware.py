"""``PageCacheMiddleware``: anonymous visitors' copies of help center pages served before
Wagtail routes the URL, the fastest way a site can serve them (opt in, see
docs/how-to/deploy.md#the-page-cache).

Without it, a cached copy is returned by an ``on_serve_page`` hook, after Wagtail's
routing and every ``before_serve_page`` and ``on_serve_page`` hook of the site. With
it, a URL whose page was cached with no view restriction on it (nor above it), and
that is not an alias, is answered from its copy at once: the copy's key holds the
content generations of the page's part of the tree, so a publish, move, unpublish or a
restriction added drops it as before. Put it after the session, locale, CSRF,
authentication and messages middleware; a site whose own serve hooks must run for
every page view leaves it out.
"""

from .pages import copy_before_routing


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = copy_before_routing(request)
        if response is not None:
            return response
        return self.get_response(request)
