"""The load test's simulated visitors all connect from 127.0.0.1; each sends the address
it stands for in ``X-Load-Visitor``. This middleware, in the load test's settings only,
sets REMOTE_ADDR from it, as a proxy's trusted middleware would from X-Forwarded-For:
visitors are then told apart as on a real site (votes and views once per network)."""

import contextlib
import ipaddress


class LoadVisitorAddress:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        claimed = request.META.get("HTTP_X_LOAD_VISITOR", "")
        with contextlib.suppress(ValueError):
            request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(claimed))
        return self.get_response(request)
