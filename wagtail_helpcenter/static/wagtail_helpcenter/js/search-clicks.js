/* Tells the help center which search result the visitor opened, and at which position
   (search/click/), once per search: only for a counted search, whose results list
   carries a signed token (data-hc-click-token). A keepalive GET rather than
   navigator.sendBeacon, which can only POST: see views/beacons.py. No cookie is set. */
(function () {
  "use strict";

  function report(url, params) {
    try {
      fetch(url + "?" + new URLSearchParams(params).toString(), {
        keepalive: true,
        credentials: "same-origin",
        cache: "no-store",
      }).catch(function () {});
    } catch (error) {
      /* an old browser without fetch or keepalive: nothing is counted */
    }
  }

  document.querySelectorAll("[data-hc-click-token]").forEach(function (list) {
    var url = list.getAttribute("data-hc-click-url");
    var token = list.getAttribute("data-hc-click-token");
    var sent = false;

    function opened(event) {
      var link = event.target.closest && event.target.closest("a[data-hc-position]");
      // A left or middle click, or Enter: the result opens here or in a new tab.
      if (!link || sent || (event.type === "auxclick" && event.button !== 1)) {
        return;
      }
      sent = true;
      report(url, {
        token: token,
        position: link.getAttribute("data-hc-position"),
        page: link.getAttribute("data-hc-page"),
      });
    }

    list.addEventListener("click", opened);
    list.addEventListener("auxclick", opened);
  });
})();
